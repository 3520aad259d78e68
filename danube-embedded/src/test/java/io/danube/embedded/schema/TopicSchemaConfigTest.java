package io.danube.embedded.schema;

import io.danube.proto.schema.ConfigureTopicSchemaRequest;
import io.danube.proto.schema.ConfigureTopicSchemaResponse;
import io.danube.proto.schema.GetTopicSchemaConfigRequest;
import io.danube.proto.schema.GetTopicSchemaConfigResponse;
import io.danube.proto.schema.UpdateTopicValidationPolicyRequest;
import io.grpc.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.danube.embedded.schema.GrpcAssertions.statusOf;
import static io.danube.embedded.schema.SampleSchemas.USER_JSON;
import static org.assertj.core.api.Assertions.assertThat;

class TopicSchemaConfigTest {

    private static final String TOPIC = "/default/users";

    private final RegistryTestServer registry = new RegistryTestServer();

    @AfterEach
    void stop() throws InterruptedException {
        registry.close();
    }

    @Test
    void aLocalTopicWithoutConfigurationReportsNoSubjectAndPolicyWarn() {
        registry.localTopics.add(TOPIC);

        GetTopicSchemaConfigResponse config = configOf(TOPIC);

        assertThat(config.getSchemaSubject()).isEmpty();
        assertThat(config.getValidationPolicy()).isEqualTo("warn");
        assertThat(config.getEnablePayloadValidation()).isFalse();
        assertThat(config.getSchemaId()).isZero();
    }

    @Test
    void getTopicSchemaConfigOfATopicNotOnThisBrokerIsNotFound() {
        Status status = statusOf(() -> configOf("/default/elsewhere"));

        assertThat(status.getCode()).isEqualTo(Status.Code.NOT_FOUND);
    }

    @Test
    void configureTopicSchemaBindsTheSubjectAndPolicy() {
        long schemaId = registry.register("users", "json_schema", USER_JSON).getSchemaId();
        registry.localTopics.add(TOPIC);

        ConfigureTopicSchemaResponse response = registry.client.configureTopicSchema(configure("users", "ENFORCE"));

        assertThat(response.getSuccess()).isTrue();
        GetTopicSchemaConfigResponse config = configOf(TOPIC);
        assertThat(config.getSchemaSubject()).isEqualTo("users");
        assertThat(config.getValidationPolicy()).isEqualTo("enforce");
        assertThat(config.getEnablePayloadValidation()).isTrue();
        assertThat(config.getSchemaId()).isEqualTo(schemaId);
    }

    @Test
    void configureTopicSchemaWithAnUnknownSubjectIsNotFound() {
        registry.localTopics.add(TOPIC);

        Status status = statusOf(() -> registry.client.configureTopicSchema(configure("nobody", "warn")));

        assertThat(status.getCode()).isEqualTo(Status.Code.NOT_FOUND);
    }

    @Test
    void configureTopicSchemaOnATopicNotOnThisBrokerIsNotFound() {
        registry.register("users", "json_schema", USER_JSON);

        Status status = statusOf(() -> registry.client.configureTopicSchema(configure("users", "warn")));

        assertThat(status.getCode()).isEqualTo(Status.Code.NOT_FOUND);
    }

    @Test
    void configureTopicSchemaWithAnUnknownPolicyIsInvalidArgument() {
        registry.register("users", "json_schema", USER_JSON);
        registry.localTopics.add(TOPIC);

        Status status = statusOf(() -> registry.client.configureTopicSchema(configure("users", "strict")));

        assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    }

    @Test
    void updateTopicValidationPolicyWithoutASubjectIsFailedPrecondition() {
        registry.localTopics.add(TOPIC);

        Status status = statusOf(() -> registry.client.updateTopicValidationPolicy(update("enforce")));

        assertThat(status.getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
    }

    @Test
    void updateTopicValidationPolicyWithAnUnknownPolicyIsInvalidArgument() {
        registry.register("users", "json_schema", USER_JSON);
        registry.configureTopic(TOPIC, "users", "warn", false);

        Status status = statusOf(() -> registry.client.updateTopicValidationPolicy(update("sometimes")));

        assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    }

    @Test
    void updateTopicValidationPolicyKeepsTheSubjectAndChangesThePolicy() {
        registry.register("users", "json_schema", USER_JSON);
        registry.configureTopic(TOPIC, "users", "warn", false);

        registry.client.updateTopicValidationPolicy(update("None"));

        GetTopicSchemaConfigResponse config = configOf(TOPIC);
        assertThat(config.getSchemaSubject()).isEqualTo("users");
        assertThat(config.getValidationPolicy()).isEqualTo("none");
        assertThat(config.getEnablePayloadValidation()).isTrue();
    }

    @Test
    void forgetTopicDropsTheBinding() {
        registry.register("users", "json_schema", USER_JSON);
        registry.configureTopic(TOPIC, "users", "enforce", false);

        registry.support.forgetTopic(TOPIC);

        assertThat(configOf(TOPIC).getSchemaSubject()).isEmpty();
        assertThat(registry.support.topicBinding(TOPIC)).isEmpty();
    }

    private GetTopicSchemaConfigResponse configOf(String topic) {
        return registry.client.getTopicSchemaConfig(GetTopicSchemaConfigRequest.newBuilder()
                .setTopicName(topic).build());
    }

    private static ConfigureTopicSchemaRequest configure(String subject, String policy) {
        return ConfigureTopicSchemaRequest.newBuilder()
                .setTopicName(TOPIC)
                .setSchemaSubject(subject)
                .setValidationPolicy(policy)
                .setEnablePayloadValidation(true)
                .build();
    }

    private static UpdateTopicValidationPolicyRequest update(String policy) {
        return UpdateTopicValidationPolicyRequest.newBuilder()
                .setTopicName(TOPIC)
                .setValidationPolicy(policy)
                .setEnablePayloadValidation(true)
                .build();
    }
}
