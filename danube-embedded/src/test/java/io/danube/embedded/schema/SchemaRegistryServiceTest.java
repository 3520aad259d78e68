package io.danube.embedded.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.danube.proto.schema.CheckCompatibilityRequest;
import io.danube.proto.schema.CheckCompatibilityResponse;
import io.danube.proto.schema.DeleteSchemaVersionRequest;
import io.danube.proto.schema.GetLatestSchemaRequest;
import io.danube.proto.schema.GetSchemaRequest;
import io.danube.proto.schema.GetSchemaResponse;
import io.danube.proto.schema.ListSubjectsRequest;
import io.danube.proto.schema.ListSubjectsResponse;
import io.danube.proto.schema.ListVersionsRequest;
import io.danube.proto.schema.RegisterSchemaRequest;
import io.danube.proto.schema.RegisterSchemaResponse;
import io.danube.proto.schema.SchemaVersionInfo;
import io.danube.proto.schema.SetCompatibilityModeRequest;
import io.danube.proto.schema.SubjectSummary;
import io.grpc.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static io.danube.embedded.schema.GrpcAssertions.statusOf;
import static io.danube.embedded.schema.SampleSchemas.PROTO;
import static io.danube.embedded.schema.SampleSchemas.USER_AVRO;
import static io.danube.embedded.schema.SampleSchemas.USER_JSON;
import static io.danube.embedded.schema.SampleSchemas.USER_JSON_WITHOUT_AGE;
import static io.danube.embedded.schema.SampleSchemas.USER_JSON_WITH_EMAIL;
import static org.assertj.core.api.Assertions.assertThat;

class SchemaRegistryServiceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    private final RegistryTestServer registry = new RegistryTestServer(null, Clock.fixed(NOW, ZoneOffset.UTC));

    @AfterEach
    void stop() throws InterruptedException {
        registry.close();
    }

    @Test
    void registeringANewSubjectReturnsVersionOneAndANewSchemaId() {
        RegisterSchemaResponse response = registry.register("users", "json_schema", USER_JSON);

        assertThat(response.getSchemaId()).isEqualTo(1);
        assertThat(response.getVersion()).isEqualTo(1);
        assertThat(response.getIsNewVersion()).isTrue();
        assertThat(response.getFingerprint()).matches("sha256:[0-9a-f]{64}");
    }

    @Test
    void registeringTheSameDefinitionAgainReturnsTheExistingVersion() {
        RegisterSchemaResponse first = registry.register("users", "json_schema", USER_JSON);

        RegisterSchemaResponse again = registry.register("users", "json_schema", USER_JSON);

        assertThat(again.getSchemaId()).isEqualTo(first.getSchemaId());
        assertThat(again.getVersion()).isEqualTo(1);
        assertThat(again.getIsNewVersion()).isFalse();
        assertThat(again.getFingerprint()).isEqualTo(first.getFingerprint());
    }

    @Test
    void laterVersionsKeepTheSubjectsSchemaId() {
        RegisterSchemaResponse first = registry.register("users", "json_schema", USER_JSON);

        RegisterSchemaResponse second = registry.register("users", "json_schema", USER_JSON_WITH_EMAIL);

        assertThat(second.getSchemaId()).isEqualTo(first.getSchemaId());
        assertThat(second.getVersion()).isEqualTo(2);
        assertThat(second.getIsNewVersion()).isTrue();
    }

    @Test
    void eachNewSubjectTakesTheNextIdFromOneGlobalCounter() {
        registry.register("a", "json", USER_JSON);
        registry.register("a", "json", USER_JSON_WITH_EMAIL);

        assertThat(registry.register("b", "string", "").getSchemaId()).isEqualTo(2);
        assertThat(registry.register("c", "avro", USER_AVRO).getSchemaId()).isEqualTo(3);
    }

    @Test
    void aReRegisteredOlderDefinitionReturnsItsOriginalVersion() {
        registry.register("users", "json_schema", USER_JSON);
        registry.register("users", "json_schema", USER_JSON_WITH_EMAIL);

        RegisterSchemaResponse again = registry.register("users", "json_schema", USER_JSON);

        assertThat(again.getVersion()).isEqualTo(1);
        assertThat(again.getIsNewVersion()).isFalse();
    }

    @Test
    void incompatibleJsonChangeUnderBackwardFailsWithInternalAndAddsNoVersion() {
        registry.register("users", "json_schema", USER_JSON);

        Status status = statusOf(() -> registry.register("users", "json_schema", USER_JSON_WITHOUT_AGE));

        assertThat(status.getCode()).isEqualTo(Status.Code.INTERNAL);
        assertThat(status.getDescription()).contains("not compatible", "backward", "removed required field 'age'");
        assertThat(versionsOf("users")).containsExactly(1);
    }

    @Test
    void aRemoteRefIsNeverFetchedAndTheSchemaIsRejected() throws IOException {
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            byte[] body = "{\"type\":\"string\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            String schema = "{\"type\":\"object\",\"properties\":{\"name\":{\"$ref\":\"http://127.0.0.1:"
                    + server.getAddress().getPort() + "/name.json\"}}}";

            Status status = statusOf(() -> registry.register("remote", "json_schema", schema));

            assertThat(status.getCode()).isEqualTo(Status.Code.INTERNAL);
            assertThat(requests).hasValue(0);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void changingTheSchemaTypeOfASubjectIsIncompatible() {
        registry.register("users", "json_schema", USER_JSON);

        Status status = statusOf(() -> registry.register("users", "avro", USER_AVRO));

        assertThat(status.getCode()).isEqualTo(Status.Code.INTERNAL);
        assertThat(status.getDescription()).contains("Schema types must match");
    }

    @Test
    void getLatestSchemaReturnsTheJsonSchemaEnvelopeAndLowercaseNames() throws IOException {
        RegisterSchemaResponse registered = registry.register("users", "JSON", USER_JSON);

        GetSchemaResponse latest = registry.client.getLatestSchema(
                GetLatestSchemaRequest.newBuilder().setSubject("users").build());

        assertThat(latest.getSchemaType()).isEqualTo("json_schema");
        assertThat(latest.getCompatibilityMode()).isEqualTo("backward");
        JsonNode envelope = JSON.readTree(latest.getSchemaDefinition().toStringUtf8());
        assertThat(envelope.fieldNames()).toIterable().containsExactly("JsonSchema");
        assertThat(envelope.get("JsonSchema").get("raw_schema").asText()).isEqualTo(USER_JSON);
        assertThat(envelope.get("JsonSchema").get("fingerprint").asText()).isEqualTo(registered.getFingerprint());
    }

    @Test
    void getSchemaReturnsTheAvroEnvelope() throws IOException {
        RegisterSchemaResponse registered = registry.register("users", "avro", USER_AVRO);

        GetSchemaResponse schema = registry.client.getSchema(
                GetSchemaRequest.newBuilder().setSchemaId(registered.getSchemaId()).build());

        JsonNode envelope = JSON.readTree(schema.getSchemaDefinition().toStringUtf8());
        assertThat(envelope.get("Avro").get("raw_schema").asText()).isEqualTo(USER_AVRO);
        assertThat(envelope.get("Avro").get("fingerprint").asText()).isEqualTo(registered.getFingerprint());
        assertThat(schema.getSchemaType()).isEqualTo("avro");
    }

    @Test
    void getSchemaReturnsTheProtobufEnvelopeWithTheDefaultMessageName() throws IOException {
        RegisterSchemaResponse registered = registry.register("users", "proto", PROTO);

        GetSchemaResponse schema = registry.client.getSchema(
                GetSchemaRequest.newBuilder().setSchemaId(registered.getSchemaId()).build());

        JsonNode body = JSON.readTree(schema.getSchemaDefinition().toStringUtf8()).get("Protobuf");
        assertThat(body.get("raw_proto").asText()).isEqualTo(PROTO);
        assertThat(body.get("message_name").asText()).isEqualTo("DefaultMessage");
        assertThat(body.get("fingerprint").asText()).isEqualTo(registered.getFingerprint());
        assertThat(schema.getSchemaType()).isEqualTo("protobuf");
    }

    @Test
    void primitiveTypesUseTheirNameAsEnvelopeAndFingerprint() {
        RegisterSchemaResponse registered = registry.register("names", "String", "ignored");

        GetSchemaResponse schema = registry.client.getLatestSchema(
                GetLatestSchemaRequest.newBuilder().setSubject("names").build());

        assertThat(schema.getSchemaDefinition().toStringUtf8()).isEqualTo("\"String\"");
        assertThat(registered.getFingerprint()).isEqualTo("string");
        assertThat(schema.getSchemaType()).isEqualTo("string");
    }

    @Test
    void getSchemaResponseCarriesRegistrationMetadataWithCreatedAtInEpochSeconds() {
        registry.client.registerSchema(RegisterSchemaRequest.newBuilder()
                .setSubject("users").setSchemaType("json_schema")
                .setSchemaDefinition(ByteString.copyFromUtf8(USER_JSON))
                .setDescription("first cut").setCreatedBy("alice").addTags("pii").addTags("core")
                .build());

        GetSchemaResponse schema = registry.client.getLatestSchema(
                GetLatestSchemaRequest.newBuilder().setSubject("users").build());

        assertThat(schema.getCreatedAt()).isEqualTo(NOW.getEpochSecond());
        assertThat(schema.getDescription()).isEqualTo("first cut");
        assertThat(schema.getCreatedBy()).isEqualTo("alice");
        assertThat(schema.getTagsList()).containsExactly("pii", "core");
        assertThat(schema.getSubject()).isEqualTo("users");
    }

    @Test
    void getSchemaByIdWithoutVersionReturnsTheLatestVersion() {
        long id = registry.register("users", "json_schema", USER_JSON).getSchemaId();
        registry.register("users", "json_schema", USER_JSON_WITH_EMAIL);

        GetSchemaResponse schema = registry.client.getSchema(GetSchemaRequest.newBuilder().setSchemaId(id).build());

        assertThat(schema.getVersion()).isEqualTo(2);
        assertThat(schema.getSchemaId()).isEqualTo(id);
    }

    @Test
    void getSchemaByIdWithVersionReturnsThatVersion() {
        long id = registry.register("users", "json_schema", USER_JSON).getSchemaId();
        registry.register("users", "json_schema", USER_JSON_WITH_EMAIL);

        GetSchemaResponse schema = registry.client.getSchema(
                GetSchemaRequest.newBuilder().setSchemaId(id).setVersion(1).build());

        assertThat(schema.getVersion()).isEqualTo(1);
        assertThat(schema.getSchemaDefinition().toStringUtf8()).contains("\"raw_schema\"");
        assertThat(schema.getFingerprint())
                .isEqualTo(registry.register("users", "json_schema", USER_JSON).getFingerprint());
    }

    @Test
    void getSchemaWithAnUnknownIdIsNotFound() {
        Status status = statusOf(() -> registry.client.getSchema(
                GetSchemaRequest.newBuilder().setSchemaId(42).build()));

        assertThat(status.getCode()).isEqualTo(Status.Code.NOT_FOUND);
    }

    @Test
    void getSchemaWithAnUnknownVersionIsNotFound() {
        long id = registry.register("users", "json_schema", USER_JSON).getSchemaId();

        Status status = statusOf(() -> registry.client.getSchema(
                GetSchemaRequest.newBuilder().setSchemaId(id).setVersion(7).build()));

        assertThat(status.getCode()).isEqualTo(Status.Code.NOT_FOUND);
    }

    @Test
    void getLatestSchemaOfAnUnknownSubjectIsNotFound() {
        Status status = statusOf(() -> registry.client.getLatestSchema(
                GetLatestSchemaRequest.newBuilder().setSubject("nobody").build()));

        assertThat(status.getCode()).isEqualTo(Status.Code.NOT_FOUND);
    }

    @Test
    void listVersionsOfAnUnknownSubjectIsNotFound() {
        Status status = statusOf(() -> registry.client.listVersions(
                ListVersionsRequest.newBuilder().setSubject("nobody").build()));

        assertThat(status.getCode()).isEqualTo(Status.Code.NOT_FOUND);
    }

    @Test
    void listVersionsReturnsEveryVersionWithTheSharedSchemaId() {
        RegisterSchemaResponse first = registry.register("users", "json_schema", USER_JSON);
        RegisterSchemaResponse second = registry.register("users", "json_schema", USER_JSON_WITH_EMAIL);

        var versions = registry.client.listVersions(ListVersionsRequest.newBuilder().setSubject("users").build())
                .getVersionsList();

        assertThat(versions).extracting(SchemaVersionInfo::getVersion).containsExactly(1, 2);
        assertThat(versions).extracting(SchemaVersionInfo::getSchemaId).containsOnly(first.getSchemaId());
        assertThat(versions).extracting(SchemaVersionInfo::getFingerprint)
                .containsExactly(first.getFingerprint(), second.getFingerprint());
        assertThat(versions).extracting(SchemaVersionInfo::getCreatedAt).containsOnly(NOW.getEpochSecond());
    }

    @Test
    void listSubjectsSummarizesEverySubject() {
        registry.register("users", "json_schema", USER_JSON);
        registry.register("users", "json_schema", USER_JSON_WITH_EMAIL);
        registry.register("events", "avro", USER_AVRO);
        registry.client.setCompatibilityMode(SetCompatibilityModeRequest.newBuilder()
                .setSubject("events").setCompatibilityMode("FULL").build());

        ListSubjectsResponse response = registry.client.listSubjects(ListSubjectsRequest.getDefaultInstance());

        assertThat(response.getSubjectsList()).extracting(SubjectSummary::getSubject)
                .containsExactly("events", "users");
        SubjectSummary events = response.getSubjects(0);
        assertThat(events.getSchemaType()).isEqualTo("avro");
        assertThat(events.getCompatibilityMode()).isEqualTo("full");
        assertThat(events.getSchemaId()).isEqualTo(2);
        SubjectSummary users = response.getSubjects(1);
        assertThat(users.getLatestVersion()).isEqualTo(2);
        assertThat(users.getCompatibilityMode()).isEqualTo("backward");
    }

    @Test
    void deletedVersionDisappearsFromListingsAndLookupsButStaysTheLatest() {
        long id = registry.register("users", "json_schema", USER_JSON).getSchemaId();
        registry.register("users", "json_schema", USER_JSON_WITH_EMAIL);

        registry.client.deleteSchemaVersion(DeleteSchemaVersionRequest.newBuilder()
                .setSubject("users").setVersion(2).build());

        assertThat(versionsOf("users")).containsExactly(1);
        assertThat(statusOf(() -> registry.client.getSchema(
                GetSchemaRequest.newBuilder().setSchemaId(id).setVersion(2).build())).getCode())
                .isEqualTo(Status.Code.NOT_FOUND);
        assertThat(registry.client.getLatestSchema(GetLatestSchemaRequest.newBuilder().setSubject("users").build())
                .getVersion()).isEqualTo(2);
    }

    @Test
    void versionNumberingContinuesAfterADeletedLatestVersion() {
        registry.register("users", "json_schema", USER_JSON);
        registry.register("users", "json_schema", USER_JSON_WITH_EMAIL);
        registry.client.deleteSchemaVersion(DeleteSchemaVersionRequest.newBuilder()
                .setSubject("users").setVersion(2).build());

        RegisterSchemaResponse third = registry.register("users", "json_schema", """
                {"type": "object", "properties": {"name": {"type": "string"}, "age": {"type": "integer"},
                 "email": {"type": "string"}, "city": {"type": "string"}}, "required": ["name", "age"]}""");

        assertThat(third.getVersion()).isEqualTo(3);
        assertThat(versionsOf("users")).containsExactly(1, 3);
    }

    @Test
    void reRegisteringADeletedDefinitionReturnsTheDeletedVersion() {
        registry.register("users", "json_schema", USER_JSON);
        registry.register("users", "json_schema", USER_JSON_WITH_EMAIL);
        registry.client.deleteSchemaVersion(DeleteSchemaVersionRequest.newBuilder()
                .setSubject("users").setVersion(2).build());

        RegisterSchemaResponse again = registry.register("users", "json_schema", USER_JSON_WITH_EMAIL);

        assertThat(again.getVersion()).isEqualTo(2);
        assertThat(again.getIsNewVersion()).isFalse();
        assertThat(versionsOf("users")).containsExactly(1);
    }

    @Test
    void deletingAnUnknownVersionFailsWithInternal() {
        registry.register("users", "json_schema", USER_JSON);

        Status status = statusOf(() -> registry.client.deleteSchemaVersion(
                DeleteSchemaVersionRequest.newBuilder().setSubject("users").setVersion(9).build()));

        assertThat(status.getCode()).isEqualTo(Status.Code.INTERNAL);
    }

    @Test
    void setCompatibilityModeWithAnUnknownModeIsInvalidArgument() {
        registry.register("users", "json_schema", USER_JSON);

        Status status = statusOf(() -> registry.client.setCompatibilityMode(SetCompatibilityModeRequest.newBuilder()
                .setSubject("users").setCompatibilityMode("transitive").build()));

        assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    }

    @Test
    void setCompatibilityModeOfAnUnknownSubjectFailsWithInternal() {
        Status status = statusOf(() -> registry.client.setCompatibilityMode(SetCompatibilityModeRequest.newBuilder()
                .setSubject("nobody").setCompatibilityMode("none").build()));

        assertThat(status.getCode()).isEqualTo(Status.Code.INTERNAL);
    }

    @Test
    void modeNoneAcceptsAnIncompatibleChange() {
        registry.register("users", "json_schema", USER_JSON);
        registry.client.setCompatibilityMode(SetCompatibilityModeRequest.newBuilder()
                .setSubject("users").setCompatibilityMode("None").build());

        RegisterSchemaResponse second = registry.register("users", "json_schema", USER_JSON_WITHOUT_AGE);

        assertThat(second.getVersion()).isEqualTo(2);
    }

    @Test
    void checkCompatibilityUsesTheSubjectModeWithoutOverride() {
        registry.register("users", "json_schema", USER_JSON);

        CheckCompatibilityResponse response = registry.client.checkCompatibility(compatibilityRequest(
                USER_JSON_WITHOUT_AGE).build());

        assertThat(response.getIsCompatible()).isFalse();
        assertThat(response.getErrorsList()).anyMatch(e -> e.contains("removed required field 'age'"));
    }

    @Test
    void checkCompatibilityUsesAnOverrideMode() {
        registry.register("users", "json_schema", USER_JSON);

        CheckCompatibilityResponse response = registry.client.checkCompatibility(compatibilityRequest(
                USER_JSON_WITHOUT_AGE).setCompatibilityMode("FORWARD").build());

        assertThat(response.getIsCompatible()).isTrue();
        assertThat(response.getErrorsList()).isEmpty();
    }

    @Test
    void checkCompatibilityIgnoresAnUnparsableOverrideMode() {
        registry.register("users", "json_schema", USER_JSON);

        CheckCompatibilityResponse response = registry.client.checkCompatibility(compatibilityRequest(
                USER_JSON_WITHOUT_AGE).setCompatibilityMode("whatever").build());

        assertThat(response.getIsCompatible()).isFalse();
    }

    @Test
    void checkCompatibilityAgainstAnUnknownSubjectFailsWithInternal() {
        Status status = statusOf(() -> registry.client.checkCompatibility(compatibilityRequest(USER_JSON).build()));

        assertThat(status.getCode()).isEqualTo(Status.Code.INTERNAL);
    }

    @Test
    void checkCompatibilityDoesNotRegisterAnything() {
        registry.register("users", "json_schema", USER_JSON);

        registry.client.checkCompatibility(compatibilityRequest(USER_JSON_WITH_EMAIL).build());

        assertThat(versionsOf("users")).containsExactly(1);
    }

    @Test
    void schemaTypeAliasesAreStoredUnderTheirCanonicalNames() {
        assertThat(typeAfterRegistering("a", "json", USER_JSON)).isEqualTo("json_schema");
        assertThat(typeAfterRegistering("b", "int", "")).isEqualTo("number");
        assertThat(typeAfterRegistering("c", "INT64", "")).isEqualTo("number");
        assertThat(typeAfterRegistering("d", "double", "")).isEqualTo("number");
        assertThat(typeAfterRegistering("e", "float", "")).isEqualTo("number");
        assertThat(typeAfterRegistering("f", "proto", PROTO)).isEqualTo("protobuf");
        assertThat(typeAfterRegistering("g", "Avro", USER_AVRO)).isEqualTo("avro");
        assertThat(typeAfterRegistering("h", "BYTES", "")).isEqualTo("bytes");
    }

    @Test
    void anUnknownSchemaTypeFailsWithInternal() {
        Status status = statusOf(() -> registry.register("users", "xml", "<a/>"));

        assertThat(status.getCode()).isEqualTo(Status.Code.INTERNAL);
        assertThat(status.getDescription()).contains("Unknown schema type: xml");
    }

    @Test
    void anInvalidAvroSchemaFailsWithInternal() {
        Status status = statusOf(() -> registry.register("users", "avro", "{\"type\": \"invalid_type\"}"));

        assertThat(status.getCode()).isEqualTo(Status.Code.INTERNAL);
        assertThat(status.getDescription()).contains("Invalid Avro schema");
    }

    @Test
    void malformedJsonSchemaFailsWithInternal() {
        Status status = statusOf(() -> registry.register("users", "json_schema", "{\"type\": \"object\""));

        assertThat(status.getCode()).isEqualTo(Status.Code.INTERNAL);
        assertThat(status.getDescription()).contains("not valid JSON");
    }

    @Test
    void aJsonSchemaThatDoesNotCompileFailsWithInternal() {
        Status status = statusOf(() -> registry.register("users", "json_schema", "{\"type\": 12}"));

        assertThat(status.getCode()).isEqualTo(Status.Code.INTERNAL);
        assertThat(status.getDescription()).contains("Invalid JSON Schema");
    }

    @Test
    void aJsonSchemaDeclaringDraft07IsAccepted() {
        RegisterSchemaResponse response = registry.register("users", "json_schema",
                "{\"$schema\": \"http://json-schema.org/draft-07/schema#\", \"type\": \"object\"}");

        assertThat(response.getVersion()).isEqualTo(1);
    }

    @Test
    void aJsonSchemaDeclaringAnUnknownDraftFailsWithInternal() {
        Status status = statusOf(() -> registry.register("users", "json_schema",
                "{\"$schema\": \"http://example.org/my-draft\", \"type\": \"object\"}"));

        assertThat(status.getCode()).isEqualTo(Status.Code.INTERNAL);
        assertThat(status.getDescription()).contains("Invalid JSON Schema");
    }

    @Test
    void jsonFingerprintIgnoresWhitespaceAndKeyOrder() {
        RegisterSchemaResponse first = registry.register("users", "json_schema", USER_JSON);

        RegisterSchemaResponse reordered = registry.register("users", "json_schema",
                "{\"required\":[\"name\",\"age\"],\"properties\":{\"age\":{\"type\":\"integer\"},"
                        + "\"name\":{\"type\":\"string\"}},\"type\":\"object\"}");

        assertThat(reordered.getFingerprint()).isEqualTo(first.getFingerprint());
        assertThat(reordered.getIsNewVersion()).isFalse();
    }

    @Test
    void avroFingerprintIgnoresWhitespaceAndKeyOrder() {
        RegisterSchemaResponse first = registry.register("users", "avro", USER_AVRO);

        RegisterSchemaResponse reordered = registry.register("users", "avro",
                "{\"fields\":[{\"type\":\"string\",\"name\":\"name\"},{\"type\":\"int\",\"name\":\"age\"}],"
                        + "\"namespace\":\"test\",\"name\":\"User\",\"type\":\"record\"}");

        assertThat(reordered.getFingerprint()).isEqualTo(first.getFingerprint());
        assertThat(reordered.getIsNewVersion()).isFalse();
    }

    @Test
    void concurrentRegistrationsOfNewSubjectsGetDistinctConsecutiveIds() throws Exception {
        int subjects = 32;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Long>> ids = new ArrayList<>();
            for (int i = 0; i < subjects; i++) {
                String subject = "subject-" + i;
                ids.add(pool.submit(() -> registry.register(subject, "string", "").getSchemaId()));
            }
            Set<Long> distinct = new HashSet<>();
            for (Future<Long> id : ids) {
                distinct.add(id.get());
            }
            assertThat(distinct).hasSize(subjects).allMatch(id -> id >= 1 && id <= subjects);
        } finally {
            pool.shutdownNow();
        }
    }

    private CheckCompatibilityRequest.Builder compatibilityRequest(String definition) {
        return CheckCompatibilityRequest.newBuilder()
                .setSubject("users")
                .setSchemaType("json_schema")
                .setNewSchemaDefinition(ByteString.copyFrom(definition, StandardCharsets.UTF_8));
    }

    private String typeAfterRegistering(String subject, String type, String definition) {
        registry.register(subject, type, definition);
        return registry.client.getLatestSchema(GetLatestSchemaRequest.newBuilder().setSubject(subject).build())
                .getSchemaType();
    }

    private List<Integer> versionsOf(String subject) {
        return registry.client.listVersions(ListVersionsRequest.newBuilder().setSubject(subject).build())
                .getVersionsList().stream().map(SchemaVersionInfo::getVersion).toList();
    }
}
