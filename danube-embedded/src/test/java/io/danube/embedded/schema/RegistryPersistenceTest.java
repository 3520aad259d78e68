package io.danube.embedded.schema;

import io.danube.proto.schema.DeleteSchemaVersionRequest;
import io.danube.proto.schema.GetLatestSchemaRequest;
import io.danube.proto.schema.GetSchemaResponse;
import io.danube.proto.schema.GetTopicSchemaConfigRequest;
import io.danube.proto.schema.GetTopicSchemaConfigResponse;
import io.danube.proto.schema.ListVersionsRequest;
import io.danube.proto.schema.SchemaVersionInfo;
import io.danube.proto.schema.SetCompatibilityModeRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.danube.embedded.schema.SampleSchemas.USER_AVRO;
import static io.danube.embedded.schema.SampleSchemas.USER_JSON;
import static io.danube.embedded.schema.SampleSchemas.USER_JSON_WITH_EMAIL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegistryPersistenceTest {

    private static final String TOPIC = "/default/users";

    @TempDir
    Path dataDirectory;

    @Test
    void subjectsVersionsModesAndTopicPoliciesSurviveARestart() throws InterruptedException {
        GetSchemaResponse before;
        try (RegistryTestServer first = new RegistryTestServer(dataDirectory)) {
            first.register("users", "json_schema", USER_JSON);
            first.register("users", "json_schema", USER_JSON_WITH_EMAIL);
            first.client.setCompatibilityMode(SetCompatibilityModeRequest.newBuilder()
                    .setSubject("users").setCompatibilityMode("full").build());
            first.client.deleteSchemaVersion(DeleteSchemaVersionRequest.newBuilder()
                    .setSubject("users").setVersion(1).build());
            first.configureTopic(TOPIC, "users", "enforce", true);
            before = latest(first, "users");
        }

        try (RegistryTestServer second = new RegistryTestServer(dataDirectory)) {
            second.localTopics.add(TOPIC);
            assertThat(latest(second, "users")).isEqualTo(before);
            assertThat(second.client.listVersions(ListVersionsRequest.newBuilder().setSubject("users").build())
                    .getVersionsList()).extracting(SchemaVersionInfo::getVersion).containsExactly(2);
            GetTopicSchemaConfigResponse config = second.client.getTopicSchemaConfig(
                    GetTopicSchemaConfigRequest.newBuilder().setTopicName(TOPIC).build());
            assertThat(config.getSchemaSubject()).isEqualTo("users");
            assertThat(config.getValidationPolicy()).isEqualTo("enforce");
            assertThat(config.getEnablePayloadValidation()).isTrue();
        }
    }

    @Test
    void theSchemaIdCounterContinuesAfterARestart() throws InterruptedException {
        try (RegistryTestServer first = new RegistryTestServer(dataDirectory)) {
            first.register("a", "json_schema", USER_JSON);
            first.register("b", "avro", USER_AVRO);
        }

        try (RegistryTestServer second = new RegistryTestServer(dataDirectory)) {
            assertThat(second.register("c", "string", "").getSchemaId()).isEqualTo(3);
            assertThat(second.register("a", "json_schema", USER_JSON_WITH_EMAIL).getSchemaId()).isEqualTo(1);
        }
    }

    @Test
    void aForgottenTopicStaysForgottenAfterARestart() throws InterruptedException {
        try (RegistryTestServer first = new RegistryTestServer(dataDirectory)) {
            first.register("users", "json_schema", USER_JSON);
            first.configureTopic(TOPIC, "users", "enforce", false);
            first.support.forgetTopic(TOPIC);
        }

        try (RegistryTestServer second = new RegistryTestServer(dataDirectory)) {
            assertThat(second.support.topicBinding(TOPIC)).isEmpty();
        }
    }

    @Test
    void theRegistryIsOneJsonFileWithNoTemporaryLeftBehind() throws InterruptedException {
        try (RegistryTestServer registry = new RegistryTestServer(dataDirectory)) {
            registry.register("users", "json_schema", USER_JSON);
        }

        assertThat(dataDirectory.resolve(RegistryStateFile.FILE_NAME)).isRegularFile();
        assertThat(Files.exists(dataDirectory.resolve(RegistryStateFile.FILE_NAME + ".tmp"))).isFalse();
    }

    @Test
    void aMemoryOnlyRegistryStartsEmptyEachTime() throws InterruptedException {
        try (RegistryTestServer first = new RegistryTestServer()) {
            first.register("users", "json_schema", USER_JSON);
        }

        try (RegistryTestServer second = new RegistryTestServer()) {
            assertThat(second.support.subject("users")).isEmpty();
            assertThat(second.register("other", "string", "").getSchemaId()).isEqualTo(1);
        }
    }

    @Test
    void anUnreadableRegistryFileFailsStartupNamingTheFile() throws Exception {
        Path file = dataDirectory.resolve(RegistryStateFile.FILE_NAME);
        Files.writeString(file, "{ not json");

        assertThatThrownBy(() -> new SchemaSupport(dataDirectory, topic -> true))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(file.toString());
    }

    private static GetSchemaResponse latest(RegistryTestServer registry, String subject) {
        return registry.client.getLatestSchema(GetLatestSchemaRequest.newBuilder().setSubject(subject).build());
    }
}
