package io.danube.embedded.schema;

import com.google.protobuf.ByteString;
import io.danube.proto.StreamMessage;
import io.grpc.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.danube.embedded.schema.GrpcAssertions.statusOf;
import static io.danube.embedded.schema.SampleSchemas.USER_AVRO;
import static io.danube.embedded.schema.SampleSchemas.USER_JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class MessageValidationTest {

    private static final String TOPIC = "/default/users";

    private final RegistryTestServer registry = new RegistryTestServer();
    private final long usersId = registry.register("users", "json_schema", USER_JSON).getSchemaId();
    private final long ordersId = registry.register("orders", "avro", USER_AVRO).getSchemaId();

    @AfterEach
    void stop() throws InterruptedException {
        registry.close();
    }

    @Test
    void aTopicWithoutSubjectAcceptsAnything() {
        assertAccepted(message().setSchemaId(999));
        assertAccepted(message());
    }

    @Test
    void enforceRejectsAMessageWithoutSchemaId() {
        registry.configureTopic(TOPIC, "users", "enforce", false);

        Status status = rejection(message());

        assertThat(status.getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(status.getDescription()).startsWith("Unable to publish the message: ").contains("missing schema_id");
    }

    @Test
    void warnAcceptsAMessageWithoutSchemaId() {
        registry.configureTopic(TOPIC, "users", "warn", false);

        assertAccepted(message());
    }

    @Test
    void enforceRejectsAnUnknownSchemaId() {
        registry.configureTopic(TOPIC, "users", "enforce", false);

        Status status = rejection(message().setSchemaId(999));

        assertThat(status.getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(status.getDescription()).contains("Schema ID 999 not found");
    }

    @Test
    void warnRejectsAnUnknownSchemaId() {
        registry.configureTopic(TOPIC, "users", "warn", false);

        assertThat(rejection(message().setSchemaId(999)).getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
    }

    @Test
    void enforceRejectsTheSchemaIdOfAnotherSubject() {
        registry.configureTopic(TOPIC, "users", "enforce", false);

        Status status = rejection(message().setSchemaId(ordersId));

        assertThat(status.getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(status.getDescription()).contains("belongs to subject 'orders'", "requires 'users'");
    }

    @Test
    void warnAcceptsTheSchemaIdOfAnotherSubject() {
        registry.configureTopic(TOPIC, "users", "warn", false);

        assertAccepted(message().setSchemaId(ordersId));
    }

    @Test
    void policyNoneAcceptsAnUnknownSchemaId() {
        registry.configureTopic(TOPIC, "users", "none", true);

        assertAccepted(message().setSchemaId(999));
    }

    @Test
    void enforceAcceptsTheTopicsOwnSchemaId() {
        registry.configureTopic(TOPIC, "users", "enforce", false);

        assertAccepted(message().setSchemaId(usersId).setPayload(ByteString.copyFromUtf8("not even json")));
    }

    @Test
    void aProducerAttachedTopicUsesPolicyWarn() {
        registry.support.attachProducerSubject(TOPIC, "users");

        assertAccepted(message());
        assertThat(rejection(message().setSchemaId(999)).getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
    }

    @Test
    void aForgottenTopicAcceptsAnythingAgain() {
        registry.configureTopic(TOPIC, "users", "enforce", false);

        registry.support.forgetTopic(TOPIC);

        assertAccepted(message());
    }

    private StreamMessage.Builder message() {
        return StreamMessage.newBuilder().setPayload(ByteString.copyFromUtf8("{}"));
    }

    private void assertAccepted(StreamMessage.Builder message) {
        assertThatCode(() -> registry.support.validateMessage(TOPIC, message.build())).doesNotThrowAnyException();
    }

    private Status rejection(StreamMessage.Builder message) {
        return statusOf(() -> registry.support.validateMessage(TOPIC, message.build()));
    }
}
