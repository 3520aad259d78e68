package io.danube.embedded.schema;

import java.util.List;

/** Decides whether a candidate definition may follow the latest version of a subject under a given mode. */
final class CompatibilityChecker {

    private CompatibilityChecker() {
    }

    static CompatibilityResult check(SchemaDefinition latest, SchemaDefinition candidate, CompatibilityMode mode) {
        if (mode == CompatibilityMode.NONE) {
            return CompatibilityResult.ok();
        }
        if (latest.type() != candidate.type()) {
            return CompatibilityResult.of(List.of("Schema types must match: the subject holds "
                    + latest.type().wireName() + ", the new schema is " + candidate.type().wireName()));
        }
        return switch (candidate.type()) {
            case BYTES, STRING, NUMBER, PROTOBUF -> CompatibilityResult.ok();
            case AVRO -> AvroCompatibility.check(latest.rawSchema(), candidate.rawSchema(), mode);
            case JSON_SCHEMA -> JsonSchemaCompatibility.check(latest.rawSchema(), candidate.rawSchema(), mode);
        };
    }
}
