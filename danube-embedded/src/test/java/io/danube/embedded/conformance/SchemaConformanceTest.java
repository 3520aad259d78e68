package io.danube.embedded.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.danube.embedded.support.BrokerFixture;
import io.danube.proto.ProducerRequest;
import io.danube.proto.SchemaReference;
import io.danube.proto.StreamMessage;
import io.danube.proto.schema.ConfigureTopicSchemaRequest;
import io.danube.proto.schema.GetLatestSchemaRequest;
import io.danube.proto.schema.GetSchemaResponse;
import io.danube.proto.schema.ListVersionsRequest;
import io.danube.proto.schema.RegisterSchemaRequest;
import io.danube.proto.schema.RegisterSchemaResponse;
import io.danube.proto.schema.SchemaRegistryGrpc;
import io.grpc.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static io.danube.embedded.conformance.StatusAssertions.assertStatus;
import static io.danube.embedded.support.BrokerFixture.message;
import static org.assertj.core.api.Assertions.assertThat;

/** Checklist items 34–38, through the broker's client port. */
class SchemaConformanceTest {

    private static final String USER_V1 = "{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"},"
            + "\"age\":{\"type\":\"integer\"}},\"required\":[\"name\",\"age\"]}";
    private static final String USER_V2 = "{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"},"
            + "\"age\":{\"type\":\"integer\"},\"email\":{\"type\":\"string\"}},\"required\":[\"name\",\"age\"]}";
    private static final String USER_WITHOUT_AGE = "{\"type\":\"object\",\"properties\":{\"name\":"
            + "{\"type\":\"string\"}},\"required\":[\"name\"]}";

    private final BrokerFixture danube = BrokerFixture.start();
    private final SchemaRegistryGrpc.SchemaRegistryBlockingStub registry =
            SchemaRegistryGrpc.newBlockingStub(danube.channel);

    @AfterEach
    void stop() {
        danube.close();
    }

    @Test
    @DisplayName("34: a new subject gets version 1 and an id; the same definition again is not new; later versions share the id")
    void registrationVersionsShareTheSubjectId() {
        RegisterSchemaResponse first = register("users", USER_V1);
        RegisterSchemaResponse again = register("users", USER_V1);
        RegisterSchemaResponse second = register("users", USER_V2);

        assertThat(first.getVersion()).isEqualTo(1);
        assertThat(first.getSchemaId()).isPositive();
        assertThat(again.getIsNewVersion()).isFalse();
        assertThat(again.getSchemaId()).isEqualTo(first.getSchemaId());
        assertThat(again.getVersion()).isEqualTo(1);
        assertThat(second.getVersion()).isEqualTo(2);
        assertThat(second.getSchemaId()).isEqualTo(first.getSchemaId());
    }

    @Test
    @DisplayName("35: dropping a required field under backward compatibility fails with INTERNAL and adds no version")
    void incompatibleChangeIsRejected() {
        register("users", USER_V1);

        assertStatus(Status.Code.INTERNAL, () -> register("users", USER_WITHOUT_AGE));
        assertThat(registry.listVersions(ListVersionsRequest.newBuilder().setSubject("users").build())
                .getVersionsList()).hasSize(1);
    }

    @Test
    @DisplayName("36: GetLatestSchema returns the JSON envelope and lowercase type and compatibility mode")
    void latestSchemaComesInTheEnvelope() throws IOException {
        register("users", USER_V1);

        GetSchemaResponse latest = registry.getLatestSchema(GetLatestSchemaRequest.newBuilder().setSubject("users").build());

        JsonNode envelope = new ObjectMapper().readTree(latest.getSchemaDefinition().toStringUtf8());
        assertThat(envelope.path("JsonSchema").path("raw_schema").asText()).isEqualTo(USER_V1);
        assertThat(latest.getSchemaType()).isEqualTo("json_schema");
        assertThat(latest.getCompatibilityMode()).isEqualTo("backward");
    }

    @Test
    @DisplayName("37: a producer naming an unregistered subject, or another subject than the topic's, is FAILED_PRECONDITION")
    void producerSubjectMustBeRegisteredAndMatchTheTopic() {
        register("users", USER_V1);
        register("orders", USER_V1);

        assertStatus(Status.Code.FAILED_PRECONDITION, () -> createProducer("/default/unregistered", "p", "ghosts"));
        createProducer("/default/people", "p1", "users");
        assertStatus(Status.Code.FAILED_PRECONDITION, () -> createProducer("/default/people", "p2", "orders"));
    }

    @Test
    @DisplayName("38: enforce rejects a message without schema_id, warn accepts it, an unknown schema_id fails under both")
    void validationPolicyOnSend() {
        long schemaId = register("users", USER_V1).getSchemaId();
        long enforced = createProducer("/default/enforced", "p", "users");
        long warned = createProducer("/default/warned", "p", "users");
        registry.configureTopicSchema(ConfigureTopicSchemaRequest.newBuilder()
                .setTopicName("/default/enforced").setSchemaSubject("users").setValidationPolicy("enforce").build());

        assertStatus(Status.Code.PERMISSION_DENIED, () -> danube.send(message(enforced, "/default/enforced", "p", 1, "{}")));
        danube.send(withSchema(message(enforced, "/default/enforced", "p", 2, "{}"), schemaId));
        danube.send(message(warned, "/default/warned", "p", 1, "{}"));
        assertStatus(Status.Code.PERMISSION_DENIED,
                () -> danube.send(withSchema(message(warned, "/default/warned", "p", 2, "{}"), schemaId + 100)));
        assertStatus(Status.Code.PERMISSION_DENIED,
                () -> danube.send(withSchema(message(enforced, "/default/enforced", "p", 3, "{}"), schemaId + 100)));
    }

    private RegisterSchemaResponse register(String subject, String definition) {
        return registry.registerSchema(RegisterSchemaRequest.newBuilder()
                .setSubject(subject)
                .setSchemaType("json_schema")
                .setSchemaDefinition(ByteString.copyFrom(definition, StandardCharsets.UTF_8))
                .build());
    }

    private long createProducer(String topic, String name, String subject) {
        return danube.producers.createProducer(ProducerRequest.newBuilder()
                .setRequestId(1)
                .setTopicName(topic)
                .setProducerName(name)
                .setSchemaRef(SchemaReference.newBuilder().setSubject(subject).setUseLatest(true))
                .build()).getProducerId();
    }

    private static StreamMessage withSchema(StreamMessage message, long schemaId) {
        return message.toBuilder().setSchemaId(schemaId).setSchemaVersion(1).build();
    }
}
