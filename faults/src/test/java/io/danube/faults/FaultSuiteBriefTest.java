package io.danube.faults;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The short variant of the fault suite, in CI: a few thousand messages through the pipeline of separate processes
 * (own Mosquitto, PostgreSQL and broker), one fault of each kind with 5 s outages. The delivery mode comes from the
 * system property {@code faults.delivery} (default at_least_once).
 */
class FaultSuiteBriefTest {

    private static final Delivery DELIVERY = Delivery.parse(System.getProperty("faults.delivery", "at_least_once"));

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
    void poisonGoesToTheDeadLetterTopicWithoutStoppingThePipeline() {
        FaultResult result = assertRecovers(Fault.POISON_MIX);
        assertThat(result.deadLetters().values().stream().mapToLong(Long::longValue).sum() + result.poisonRows())
                .as("poison records in the dead-letter topic or (if accepted) in the table: %s", result.toJson())
                .isPositive();
    }

    private static FaultResult assertRecovers(Fault fault) {
        FaultResult result = new FaultRun(SuiteSettings.brief(), fault, DELIVERY).run();
        String line = result.toJson();
        assertThat(result.error()).as(line).isNull();
        assertThat(result.missing()).as("missing messages: %s", line).isZero();
        assertThat(result.manualRestarts()).as("manual restarts: %s", line).isZero();
        if (DELIVERY == Delivery.EFFECTIVELY_ONCE) {
            assertThat(result.duplicates()).as("duplicates: %s", line).isZero();
        }
        return result;
    }
}
