package io.danube.client.producer;

import io.danube.client.DanubeClient;
import io.danube.client.error.SchemaResolutionException;
import io.danube.client.fake.FakeBroker;
import io.danube.client.schema.RegisteredSchema;
import io.danube.client.schema.SchemaReference;
import io.danube.client.schema.SchemaType;
import io.danube.proto.StreamMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProducerSchemaTest {

    private static final String TOPIC = "/default/orders";
    private static final String SUBJECT = "orders-value";

    private FakeBroker broker;
    private DanubeClient client;
    private long schemaId;

    @BeforeEach
    void start() throws Exception {
        broker = new FakeBroker();
        client = broker.client();
        RegisteredSchema v1 = client.schemaRegistry().register(SUBJECT, SchemaType.JSON_SCHEMA, "{\"type\":\"object\"}");
        client.schemaRegistry().register(SUBJECT, SchemaType.JSON_SCHEMA, "{\"type\":\"object\",\"title\":\"v2\"}");
        schemaId = v1.schemaId();
    }

    @AfterEach
    void stop() {
        client.close();
        broker.close();
    }

    private StreamMessage sendWith(SchemaReference reference) {
        client.newProducer().topic(TOPIC).name("writer").schema(reference).create().send("{}".getBytes());
        return broker.producers.received.get(0);
    }

    @Test
    void latestReferenceStampsTheNewestVersion() {
        StreamMessage sent = sendWith(SchemaReference.latest(SUBJECT));

        assertThat(sent.getSchemaId()).isEqualTo(schemaId);
        assertThat(sent.getSchemaVersion()).isEqualTo(2);
        assertThat(broker.producers.createRequests.get(0).getSchemaRef().getSubject()).isEqualTo(SUBJECT);
        assertThat(broker.producers.createRequests.get(0).getSchemaRef().getUseLatest()).isTrue();
    }

    @Test
    void pinnedReferenceStampsThePinnedOlderVersion() {
        StreamMessage sent = sendWith(SchemaReference.pinned(SUBJECT, 1));

        assertThat(sent.getSchemaId()).isEqualTo(schemaId);
        assertThat(sent.getSchemaVersion()).isEqualTo(1);
        assertThat(broker.producers.createRequests.get(0).getSchemaRef().getPinnedVersion()).isEqualTo(1);
    }

    @Test
    void minimumReferenceStampsTheLatestVersionWhenItIsHighEnough() {
        StreamMessage sent = sendWith(SchemaReference.minimum(SUBJECT, 2));

        assertThat(sent.getSchemaVersion()).isEqualTo(2);
        assertThat(broker.producers.createRequests.get(0).getSchemaRef().getMinVersion()).isEqualTo(2);
    }

    @Test
    void minimumAboveTheLatestVersionFailsProducerCreation() {
        assertThatThrownBy(() -> sendWith(SchemaReference.minimum(SUBJECT, 3)))
                .isInstanceOf(SchemaResolutionException.class)
                .hasMessageContaining(SUBJECT).hasMessageContaining("minimum 3");
        assertThat(broker.producers.createRequests).isEmpty();
    }

    @Test
    void pinnedVersionBeyondTheLatestFailsProducerCreation() {
        assertThatThrownBy(() -> sendWith(SchemaReference.pinned(SUBJECT, 5)))
                .isInstanceOf(SchemaResolutionException.class)
                .hasMessageContaining("no version 5");
    }

    @Test
    void unregisteredSubjectFailsProducerCreation() {
        assertThatThrownBy(() -> sendWith(SchemaReference.latest("unknown-subject")))
                .isInstanceOf(SchemaResolutionException.class)
                .hasMessageContaining("unknown-subject").hasMessageContaining("not registered");
    }
}
