package io.danube.client.schema;

/** Schema types accepted by the registry, with their canonical wire names. */
public enum SchemaType {
    BYTES("bytes"),
    STRING("string"),
    NUMBER("number"),
    AVRO("avro"),
    JSON_SCHEMA("json_schema"),
    PROTOBUF("protobuf");

    private final String wireName;

    SchemaType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
