package io.danube.embedded.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.avro.Schema;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Fingerprints ({@code sha256:<hex>}) over the canonical form of each schema type. */
final class Fingerprints {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String PREFIX = "sha256:";

    private Fingerprints() {
    }

    /** Avro: the parsed schema re-serialized by the Avro library, so formatting and key order do not matter. */
    static String ofAvro(Schema schema) {
        return sha256(schema.toString());
    }

    /** JSON Schema: compact JSON with object keys sorted at every level. */
    static String ofJson(JsonNode schema) {
        return sha256(canonicalJson(schema));
    }

    /** Protobuf definitions are not parsed; the raw text is hashed as is. */
    static String ofRawText(String text) {
        return sha256(text);
    }

    static String canonicalJson(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(sortedCopy(node));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a parsed JSON tree", e);
        }
    }

    private static JsonNode sortedCopy(JsonNode node) {
        if (node.isObject()) {
            ObjectNode sorted = MAPPER.createObjectNode();
            List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(node.properties());
            fields.sort(Map.Entry.comparingByKey());
            for (Map.Entry<String, JsonNode> field : fields) {
                sorted.set(field.getKey(), sortedCopy(field.getValue()));
            }
            return sorted;
        }
        if (node.isArray()) {
            var array = MAPPER.createArrayNode();
            node.forEach(element -> array.add(sortedCopy(element)));
            return array;
        }
        return node;
    }

    private static String sha256(String canonical) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] hash = digest.digest(canonical.getBytes(StandardCharsets.UTF_8));
            return PREFIX + HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
