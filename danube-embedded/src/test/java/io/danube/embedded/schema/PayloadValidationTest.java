package io.danube.embedded.schema;

import com.google.protobuf.ByteString;
import io.danube.proto.StreamMessage;
import io.grpc.Status;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static io.danube.embedded.schema.GrpcAssertions.statusOf;
import static io.danube.embedded.schema.SampleSchemas.PROTO;
import static io.danube.embedded.schema.SampleSchemas.USER_AVRO;
import static io.danube.embedded.schema.SampleSchemas.USER_JSON;
import static io.danube.embedded.schema.SampleSchemas.USER_JSON_WITH_EMAIL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class PayloadValidationTest {

    private static final String TOPIC = "/default/payloads";

    private final RegistryTestServer registry = new RegistryTestServer();

    @AfterEach
    void stop() throws InterruptedException {
        registry.close();
    }

    @Test
    void jsonPayloadMatchingTheSchemaIsAccepted() {
        long id = bind("json_schema", USER_JSON, "enforce");

        assertAccepted(id, "{\"name\": \"Ada\", \"age\": 36}".getBytes());
    }

    @Test
    void jsonPayloadViolatingTheSchemaIsRejected() {
        long id = bind("json_schema", USER_JSON, "enforce");

        Status status = rejection(id, "{\"name\": \"Ada\"}".getBytes());

        assertThat(status.getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(status.getDescription()).startsWith("Unable to publish the message: Payload validation failed")
                .contains("age");
    }

    @Test
    void payloadThatIsNotJsonIsRejected() {
        long id = bind("json_schema", USER_JSON, "enforce");

        assertThat(rejection(id, "name=Ada".getBytes()).getDescription()).contains("not valid JSON");
    }

    @Test
    void invalidPayloadIsRejectedUnderWarnToo() {
        long id = bind("json_schema", USER_JSON, "warn");

        assertThat(rejection(id, "{}".getBytes()).getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
    }

    @Test
    void theMessagesSchemaVersionSelectsTheSchemaToValidateAgainst() {
        long id = bind("json_schema", USER_JSON, "enforce");
        registry.register("subject", "json_schema", USER_JSON_WITH_EMAIL.replace(
                "\"email\": {\"type\": \"string\"}", "\"email\": {\"type\": \"string\", \"maxLength\": 3}"));
        byte[] longEmail = "{\"name\": \"Ada\", \"age\": 36, \"email\": \"ada@example.org\"}".getBytes();

        assertAccepted(message(id, longEmail).setSchemaVersion(1));
        assertAccepted(message(id, longEmail));
        assertThat(statusOf(() -> validate(message(id, longEmail).setSchemaVersion(2))).getCode())
                .isEqualTo(Status.Code.PERMISSION_DENIED);
    }

    @Test
    void anUnknownSchemaVersionIsRejected() {
        long id = bind("json_schema", USER_JSON, "enforce");

        Status status = statusOf(() -> validate(message(id, "{}".getBytes()).setSchemaVersion(5)));

        assertThat(status.getDescription()).contains("Schema version not found: subject/5");
    }

    @Test
    void stringPayloadMustBeValidUtf8() {
        long id = bind("string", "", "enforce");

        assertAccepted(id, "grüße".getBytes(StandardCharsets.UTF_8));
        assertThat(rejection(id, new byte[]{(byte) 0xFF, (byte) 0xFE}).getDescription()).contains("UTF-8");
    }

    @Test
    void numberPayloadMustBeFourOrEightBytes() {
        long id = bind("number", "", "enforce");

        assertAccepted(id, new byte[4]);
        assertAccepted(id, new byte[8]);
        assertThat(rejection(id, new byte[3]).getDescription()).contains("expected 4 or 8 bytes, got 3");
    }

    @Test
    void bytesPayloadIsNeverRejected() {
        long id = bind("bytes", "", "enforce");

        assertAccepted(id, new byte[]{(byte) 0xFF, 0, 1});
    }

    @Test
    void avroObjectContainerFileIsAccepted() throws IOException {
        long id = bind("avro", USER_AVRO, "enforce");

        assertAccepted(id, avroContainerFile());
    }

    @Test
    void bareAvroDatumWithoutContainerHeaderIsRejected() throws IOException {
        long id = bind("avro", USER_AVRO, "enforce");

        assertThat(rejection(id, bareAvroDatum()).getDescription()).contains("Avro validation failed");
    }

    @Test
    void protobufPayloadValidationIsRejectedAsUnsupported() {
        long id = bind("protobuf", PROTO, "enforce");

        assertThat(rejection(id, new byte[]{8, 1}).getDescription()).contains("not supported for protobuf");
    }

    @Test
    void payloadIsNotCheckedWhenPayloadValidationIsOff() {
        long id = registry.register("subject", "number", "").getSchemaId();
        registry.configureTopic(TOPIC, "subject", "enforce", false);

        assertAccepted(id, new byte[3]);
    }

    private long bind(String type, String definition, String policy) {
        long id = registry.register("subject", type, definition).getSchemaId();
        registry.configureTopic(TOPIC, "subject", policy, true);
        return id;
    }

    private static GenericRecord user() {
        GenericRecord user = new GenericData.Record(new Schema.Parser().parse(USER_AVRO));
        user.put("name", "Ada");
        user.put("age", 36);
        return user;
    }

    private static byte[] avroContainerFile() throws IOException {
        GenericRecord user = user();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DataFileWriter<GenericRecord> writer = new DataFileWriter<>(new GenericDatumWriter<>(user.getSchema()))) {
            writer.create(user.getSchema(), out);
            writer.append(user);
        }
        return out.toByteArray();
    }

    private static byte[] bareAvroDatum() throws IOException {
        GenericRecord user = user();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(user.getSchema()).write(user, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static StreamMessage.Builder message(long schemaId, byte[] payload) {
        return StreamMessage.newBuilder().setSchemaId(schemaId).setPayload(ByteString.copyFrom(payload));
    }

    private void validate(StreamMessage.Builder message) {
        registry.support.validateMessage(TOPIC, message.build());
    }

    private void assertAccepted(long schemaId, byte[] payload) {
        assertAccepted(message(schemaId, payload));
    }

    private void assertAccepted(StreamMessage.Builder message) {
        assertThatCode(() -> validate(message)).doesNotThrowAnyException();
    }

    private Status rejection(long schemaId, byte[] payload) {
        return statusOf(() -> validate(message(schemaId, payload)));
    }
}
