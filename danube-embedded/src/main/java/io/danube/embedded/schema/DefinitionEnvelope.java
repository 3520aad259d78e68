package io.danube.embedded.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;

/**
 * The bytes GetSchema/GetLatestSchema return as {@code schema_definition}: the real broker serializes its internal
 * definition enum, not the registered text, e.g. {@code "String"} or
 * {@code {"Avro":{"raw_schema":"…","fingerprint":"…"}}}.
 */
final class DefinitionEnvelope {

    /** The real registry never parses Protobuf and always names the message like this. */
    static final String PROTOBUF_MESSAGE_NAME = "DefaultMessage";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private DefinitionEnvelope() {
    }

    static byte[] encode(SchemaDefinition definition) {
        SchemaType type = definition.type();
        JsonNode envelope = switch (type) {
            case BYTES, STRING, NUMBER -> MAPPER.getNodeFactory().textNode(type.envelopeName());
            case AVRO, JSON_SCHEMA -> variant(type, MAPPER.createObjectNode()
                    .put("raw_schema", definition.rawSchema())
                    .put("fingerprint", definition.fingerprint()));
            case PROTOBUF -> variant(type, MAPPER.createObjectNode()
                    .put("raw_proto", definition.rawSchema())
                    .put("message_name", PROTOBUF_MESSAGE_NAME)
                    .put("fingerprint", definition.fingerprint()));
        };
        try {
            return MAPPER.writeValueAsString(envelope).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize the definition envelope of a " + type.wireName()
                    + " schema", e);
        }
    }

    private static ObjectNode variant(SchemaType type, ObjectNode body) {
        ObjectNode envelope = MAPPER.createObjectNode();
        envelope.set(type.envelopeName(), body);
        return envelope;
    }
}
