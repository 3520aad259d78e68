package io.danube.embedded.schema;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.ValidationMessage;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericDatumReader;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks a message payload against one schema version: string = valid UTF-8, number = 4 or 8 bytes, json = a JSON
 * document valid against the schema, avro = an Avro object container file whose first record the schema can read.
 * Compiled schemas are cached by fingerprint.
 */
final class PayloadValidator {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final Map<String, JsonSchema> jsonSchemas = new ConcurrentHashMap<>();
    private final Map<String, Schema> avroSchemas = new ConcurrentHashMap<>();

    /** Empty when the payload conforms, else the reason it does not. */
    Optional<String> problem(SchemaDefinition definition, byte[] payload) {
        return switch (definition.type()) {
            case BYTES -> Optional.empty();
            case STRING -> utf8Problem(payload);
            case NUMBER -> payload.length == 4 || payload.length == 8
                    ? Optional.empty()
                    : Optional.of("Invalid number: expected 4 or 8 bytes, got " + payload.length);
            case JSON_SCHEMA -> jsonProblem(definition, payload);
            case AVRO -> avroProblem(definition, payload);
            case PROTOBUF -> Optional.of("payload validation is not supported for protobuf schemas");
        };
    }

    private static Optional<String> utf8Problem(byte[] payload) {
        try {
            SchemaDefinitions.utf8(payload, "string payload");
            return Optional.empty();
        } catch (SchemaRegistryException e) {
            return Optional.of(e.getMessage());
        }
    }

    private Optional<String> jsonProblem(SchemaDefinition definition, byte[] payload) {
        JsonNode document;
        try {
            document = MAPPER.readTree(payload);
        } catch (IOException e) {
            return Optional.of("payload is not valid JSON: " + e.getMessage());
        }
        if (document == null || document.isMissingNode()) {
            return Optional.of("payload is empty, expected a JSON document");
        }
        JsonSchema schema = jsonSchemas.computeIfAbsent(definition.fingerprint(),
                fingerprint -> JsonSchemas.compile(JsonSchemas.parseJson(definition.rawSchema(), "JSON schema")));
        Set<ValidationMessage> problems = schema.validate(document);
        return problems.isEmpty()
                ? Optional.empty()
                : Optional.of("JSON payload does not match the schema: " + JsonSchemas.describe(problems));
    }

    private Optional<String> avroProblem(SchemaDefinition definition, byte[] payload) {
        Schema schema = avroSchemas.computeIfAbsent(definition.fingerprint(),
                fingerprint -> SchemaDefinitions.avroSchema(definition.rawSchema()));
        GenericDatumReader<Object> reader = new GenericDatumReader<>(null, schema);
        try (DataFileStream<Object> records = new DataFileStream<>(new ByteArrayInputStream(payload), reader)) {
            if (!records.hasNext()) {
                return Optional.of("Avro validation failed: no data found");
            }
            records.next();
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.of("Avro validation failed: " + e.getMessage());
        }
    }
}
