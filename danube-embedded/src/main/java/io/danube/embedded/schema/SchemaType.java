package io.danube.embedded.schema;

import java.util.Locale;
import java.util.Optional;

/** The payload types a subject can describe, with the wire names the real registry answers with. */
public enum SchemaType {
    BYTES("bytes", "Bytes"),
    STRING("string", "String"),
    NUMBER("number", "Number"),
    AVRO("avro", "Avro"),
    JSON_SCHEMA("json_schema", "JsonSchema"),
    PROTOBUF("protobuf", "Protobuf");

    private final String wireName;
    private final String envelopeName;

    SchemaType(String wireName, String envelopeName) {
        this.wireName = wireName;
        this.envelopeName = envelopeName;
    }

    /** Canonical lowercase name used in every response. */
    public String wireName() {
        return wireName;
    }

    /** Variant name of the definition envelope returned by GetSchema/GetLatestSchema. */
    String envelopeName() {
        return envelopeName;
    }

    /** Case-insensitive parse including the aliases int, int64, float, double, json and proto. */
    public static Optional<SchemaType> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "bytes" -> Optional.of(BYTES);
            case "string" -> Optional.of(STRING);
            case "number", "int", "int64", "float", "double" -> Optional.of(NUMBER);
            case "avro" -> Optional.of(AVRO);
            case "json_schema", "json" -> Optional.of(JSON_SCHEMA);
            case "protobuf", "proto" -> Optional.of(PROTOBUF);
            default -> Optional.empty();
        };
    }
}
