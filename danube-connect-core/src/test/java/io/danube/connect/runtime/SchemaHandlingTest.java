package io.danube.connect.runtime;

import io.danube.client.consumer.Consumer;
import io.danube.client.message.OutgoingMessage;
import io.danube.client.message.ReceivedMessage;
import io.danube.client.producer.Producer;
import io.danube.client.schema.SchemaReference;
import io.danube.client.schema.SchemaType;
import io.danube.connect.ConnectTestSupport;
import io.danube.connect.api.ConnectorContext;
import io.danube.connect.api.ConsumerConfig;
import io.danube.connect.api.ProducerConfig;
import io.danube.connect.api.SinkConnector;
import io.danube.connect.api.SinkRecord;
import io.danube.connect.api.SourceConnector;
import io.danube.connect.api.SourceRecord;
import io.danube.connect.api.SubscriptionType;
import io.danube.connect.config.ConfigException;
import io.danube.connect.config.SchemaMapping;
import io.danube.connect.config.VersionStrategy;
import io.danube.connect.runtime.sink.SinkRuntime;
import io.danube.connect.runtime.source.SourceRuntime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** {@code [[schemas]]} on the source side and {@code expectedSchemaSubject} on the sink side, against the registry. */
class SchemaHandlingTest extends ConnectTestSupport {

    private ConnectorRuntime runtime;

    @AfterEach
    void stopRuntime() {
        if (runtime != null) {
            runtime.stop();
        }
    }

    private static SourceConnector sourceOf(String topic, ConcurrentLinkedQueue<SourceRecord> queued) {
        return new SourceConnector() {
            @Override
            public void initialize(ConnectorContext context) {
            }

            @Override
            public List<ProducerConfig> producerConfigs() {
                return List.of(new ProducerConfig(topic, 0, true));
            }

            @Override
            public List<SourceRecord> poll() {
                SourceRecord next = queued.poll();
                return next == null ? List.of() : List.of(next);
            }
        };
    }

    @Test
    void sourceRegistersItsSubjectAndStampsItOnEveryMessage() {
        String topic = uniqueTopic("schema-source");
        String subject = "notes-" + topic.substring(topic.lastIndexOf('-') + 1);
        ConcurrentLinkedQueue<SourceRecord> queued = new ConcurrentLinkedQueue<>();
        runtime = new SourceRuntime(sourceOf(topic, queued), config("schema-source", 10, Duration.ofSeconds(1))
                .schemas(List.of(new SchemaMapping(topic, subject, "string", "", true, VersionStrategy.LATEST)))
                .build());
        runtime.start();
        Consumer reader = subscribe(topic, "reader");

        queued.add(SourceRecord.fromString(topic, "hello"));

        ReceivedMessage message = reader.receive(Duration.ofSeconds(10)).orElseThrow();
        assertThat(message.schemaId()).isPresent();
        assertThat(client().schemaRegistry().getSchema(message.schemaId().getAsLong()).subject()).isEqualTo(subject);
    }

    @Test
    void missingSubjectWithoutAutoRegisterFailsTheStartNamingTheKey() {
        String topic = uniqueTopic("schema-missing");
        runtime = new SourceRuntime(sourceOf(topic, new ConcurrentLinkedQueue<>()), config("schema-missing", 10,
                Duration.ofSeconds(1)).schemas(List.of(new SchemaMapping(topic, "never-registered", "string", "",
                false, VersionStrategy.LATEST))).build());

        assertThatThrownBy(runtime::start)
                .isInstanceOf(ConfigException.class)
                .extracting(e -> ((ConfigException) e).key()).isEqualTo("schemas[0].subject");
        runtime = null;
    }

    @Test
    void sinkDeadLettersAndAcknowledgesMessagesWhoseSchemaSubjectIsNotTheExpectedOne() {
        String topic = uniqueTopic("schema-sink");
        String suffix = topic.substring(topic.lastIndexOf('-') + 1);
        client().schemaRegistry().register("other-" + suffix, SchemaType.STRING, "");
        Producer other = client().newProducer().topic(topic).name("other-writer").reliable()
                .schema(SchemaReference.latest("other-" + suffix)).create();
        reliableProducer(topic + "-dlq");
        Consumer deadLetters = subscribe(topic + "-dlq", "dlq-reader");
        List<String> written = new CopyOnWriteArrayList<>();
        SinkConnector sink = new SinkConnector() {
            @Override
            public void initialize(ConnectorContext context) {
            }

            @Override
            public List<ConsumerConfig> consumerConfigs() {
                return List.of(new ConsumerConfig(topic, "schema-sink", "schema-sink", SubscriptionType.SHARED)
                        .withExpectedSchemaSubject("expected-" + suffix));
            }

            @Override
            public void processBatch(List<SinkRecord> records) {
                records.forEach(record -> written.add(record.payloadString()));
            }
        };
        SinkRuntime sinkRuntime = new SinkRuntime(sink, config("schema-sink", 10, Duration.ofMillis(200)).build());
        runtime = sinkRuntime;
        sinkRuntime.start();
        await("subscription").atMost(Duration.ofSeconds(10)).until(() ->
                sinkRuntime.health().isReady());

        other.send(OutgoingMessage.of("foreign"));

        ReceivedMessage dead = deadLetters.receive(Duration.ofSeconds(10)).orElseThrow();
        assertThat(new String(dead.payload())).isEqualTo("foreign");
        assertThat(dead.attributes().get("dlq.error")).contains("other-" + suffix).contains("expected-" + suffix);
        assertThat(written).isEmpty();
        assertThat(sinkRuntime.stop()).isZero();
        runtime = null;
        assertThat(drain(subscribe(topic, "schema-sink"), Duration.ofMillis(1_500))).isEmpty();
        other.close();
    }
}
