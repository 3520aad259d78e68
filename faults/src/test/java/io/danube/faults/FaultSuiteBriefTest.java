package io.danube.faults;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The short variant of the fault suite, in CI: one pipeline of separate processes (own Mosquitto, PostgreSQL and
 * broker, the MQTT source and the JDBC sink via the launcher) takes one fault of each kind in a row, 5 s outages,
 * 3 000 messages per fault with ids of their own. The delivery mode comes from the system property
 * {@code faults.delivery} (default at_least_once); with effectively_once no Danube message may land twice.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultSuiteBriefTest {

    private static final Delivery DELIVERY = Delivery.parse(System.getProperty("faults.delivery", "at_least_once"));
    private static final SuiteSettings SETTINGS = SuiteSettings.brief();

    private final AtomicLong nextSeq = new AtomicLong();
    private Pipeline pipeline;
    private DeadLetterWatch deadLetters;
    private MqttLoad load;

    @BeforeAll
    void startPipeline() {
        pipeline = Pipeline.start(DELIVERY, 1, 1);
        deadLetters = DeadLetterWatch.start(pipeline.broker.serviceUrl(), pipeline.deadLetterTopic());
        load = MqttLoad.connect(pipeline.mosquitto.url(), "faults-load-" + pipeline.runId, pipeline.mqttPrefix);
    }

    @AfterAll
    void stopPipeline() {
        if (load != null) {
            load.close();
        }
        if (deadLetters != null) {
            deadLetters.close();
        }
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void nothingIsLostWhenTheSinkIsKilledAndRestarted() {
        assertRecovers(Fault.SINK_KILL_LONG);
    }

    @Test
    void nothingIsLostWhenTheSourceIsKilledAndRestarted() {
        assertRecovers(Fault.SOURCE_KILL_LONG);
    }

    @Test
    void nothingIsLostWhenTheBrokerIsKilledAndRestartedOnItsDataDir() {
        assertRecovers(Fault.BROKER_KILL_LONG);
    }

    @Test
    void nothingIsLostWhilePostgresIsDown() {
        assertRecovers(Fault.POSTGRES_DOWN);
    }

    @Test
    void nothingIsLostAcrossMosquittoRestartsInARow() {
        assertRecovers(Fault.MOSQUITTO_RESTARTS);
    }

    @Test
    void poisonGoesToDeadLetterTopicsWithoutStoppingThePipeline() {
        FaultResult result = assertRecovers(Fault.POISON_MIX);
        assertThat(result.deadLetters().values().stream().mapToLong(Long::longValue).sum())
                .as("poison records in the dead-letter topic: %s", result.toJson())
                .isGreaterThanOrEqualTo(result.poisonSent() - result.poisonRows());
    }

    private FaultResult assertRecovers(Fault fault) {
        long firstSeq = nextSeq.getAndAdd(SETTINGS.messages());
        FaultResult result = new FaultRun(SETTINGS, fault, DELIVERY).runOn(pipeline, deadLetters, load, firstSeq);
        String line = result.toJson();
        System.out.println(line);
        assertThat(result.error()).as(line).isNull();
        assertThat(result.missing()).as("missing messages: %s", line).isZero();
        assertThat(result.manualRestarts()).as("manual restarts: %s", line).isZero();
        if (DELIVERY == Delivery.EFFECTIVELY_ONCE) {
            assertThat(result.sinkDuplicates()).as("Danube messages written twice: %s", line).isZero();
        }
        return result;
    }
}
