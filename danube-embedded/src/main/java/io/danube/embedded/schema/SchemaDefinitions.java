package io.danube.embedded.schema;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.avro.Schema;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Turns a (type string, definition bytes) pair from the wire into an accepted {@link SchemaDefinition}. */
final class SchemaDefinitions {

    private SchemaDefinitions() {
    }

    static SchemaDefinition parse(String schemaType, byte[] definition) {
        SchemaType type = SchemaType.parse(schemaType)
                .orElseThrow(() -> new SchemaRegistryException("Unknown schema type: " + schemaType));
        return switch (type) {
            case BYTES, STRING, NUMBER -> new SchemaDefinition(type, "", type.wireName());
            case AVRO -> parseAvro(definition);
            case JSON_SCHEMA -> parseJsonSchema(definition);
            case PROTOBUF -> parseProtobuf(definition);
        };
    }

    /** Parses a raw Avro schema text that has already been accepted once. */
    static Schema avroSchema(String rawSchema) {
        try {
            return new Schema.Parser().parse(rawSchema);
        } catch (RuntimeException e) {
            throw new SchemaRegistryException("Invalid Avro schema: " + e.getMessage(), e);
        }
    }

    private static SchemaDefinition parseAvro(byte[] definition) {
        String raw = utf8(definition, "Avro schema");
        Schema schema = avroSchema(raw);
        return new SchemaDefinition(SchemaType.AVRO, raw, Fingerprints.ofAvro(schema));
    }

    private static SchemaDefinition parseJsonSchema(byte[] definition) {
        String raw = utf8(definition, "JSON schema");
        JsonNode node = JsonSchemas.parseJson(raw, "JSON schema");
        JsonSchemas.compile(node);
        return new SchemaDefinition(SchemaType.JSON_SCHEMA, raw, Fingerprints.ofJson(node));
    }

    private static SchemaDefinition parseProtobuf(byte[] definition) {
        String raw = utf8(definition, "Protobuf definition");
        return new SchemaDefinition(SchemaType.PROTOBUF, raw, Fingerprints.ofRawText(raw));
    }

    static String utf8(byte[] bytes, String what) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new SchemaRegistryException("Invalid UTF-8 in " + what, e);
        }
    }
}
