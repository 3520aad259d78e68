package io.danube.embedded.schema;

/** Schema texts shared by the tests. */
final class SampleSchemas {

    static final String USER_JSON = """
            {"type": "object",
             "properties": {"name": {"type": "string"}, "age": {"type": "integer"}},
             "required": ["name", "age"]}""";

    /** {@link #USER_JSON} without the required property {@code age}: a backward-incompatible change. */
    static final String USER_JSON_WITHOUT_AGE = """
            {"type": "object",
             "properties": {"name": {"type": "string"}},
             "required": ["name"]}""";

    /** {@link #USER_JSON} plus an optional {@code email}: compatible in every mode. */
    static final String USER_JSON_WITH_EMAIL = """
            {"type": "object",
             "properties": {"name": {"type": "string"}, "age": {"type": "integer"}, "email": {"type": "string"}},
             "required": ["name", "age"]}""";

    static final String USER_AVRO = """
            {"type": "record", "name": "User", "namespace": "test",
             "fields": [{"name": "name", "type": "string"}, {"name": "age", "type": "int"}]}""";

    static final String USER_AVRO_WITH_EMAIL = """
            {"type": "record", "name": "User", "namespace": "test",
             "fields": [{"name": "name", "type": "string"}, {"name": "age", "type": "int"},
                        {"name": "email", "type": "string", "default": ""}]}""";

    static final String PROTO = """
            syntax = "proto3";
            message User { string name = 1; }""";

    private SampleSchemas() {
    }
}
