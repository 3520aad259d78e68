package io.danube.embedded.schema;

import io.grpc.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.danube.embedded.schema.GrpcAssertions.statusOf;
import static io.danube.embedded.schema.SampleSchemas.USER_AVRO;
import static io.danube.embedded.schema.SampleSchemas.USER_JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class ProducerSubjectAttachmentTest {

    private static final String TOPIC = "/default/users";

    private final RegistryTestServer registry = new RegistryTestServer();

    @AfterEach
    void stop() throws InterruptedException {
        registry.close();
    }

    @Test
    void anUnregisteredSubjectIsFailedPrecondition() {
        Status status = statusOf(() -> registry.support.attachProducerSubject(TOPIC, "nobody"));

        assertThat(status.getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(registry.support.topicBinding(TOPIC)).isEmpty();
    }

    @Test
    void aTopicWithoutSubjectGetsTheProducersSubjectWithPolicyWarn() {
        registry.register("users", "json_schema", USER_JSON);

        registry.support.attachProducerSubject(TOPIC, "users");

        assertThat(registry.support.topicBinding(TOPIC))
                .contains(new TopicSchemaBinding("users", ValidationPolicy.WARN, false));
    }

    @Test
    void aDifferentSubjectThanTheTopicsIsFailedPrecondition() {
        registry.register("users", "json_schema", USER_JSON);
        registry.register("orders", "avro", USER_AVRO);
        registry.support.attachProducerSubject(TOPIC, "users");

        Status status = statusOf(() -> registry.support.attachProducerSubject(TOPIC, "orders"));

        assertThat(status.getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(status.getDescription()).contains("users", "orders");
    }

    @Test
    void theSameSubjectAgainIsAccepted() {
        registry.register("users", "json_schema", USER_JSON);
        registry.support.attachProducerSubject(TOPIC, "users");

        assertThatCode(() -> registry.support.attachProducerSubject(TOPIC, "users")).doesNotThrowAnyException();
    }

    @Test
    void attachingKeepsAnAdminConfiguredPolicy() {
        registry.register("users", "json_schema", USER_JSON);
        registry.configureTopic(TOPIC, "users", "enforce", true);

        registry.support.attachProducerSubject(TOPIC, "users");

        assertThat(registry.support.topicBinding(TOPIC))
                .contains(new TopicSchemaBinding("users", ValidationPolicy.ENFORCE, true));
    }
}
