package io.danube.embedded.schema;

import org.apache.avro.Schema;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Avro evolution rules of the real registry: record names must match, a reader field missing from the writer
 * needs a default (or a union containing null), field types inside records are not compared, the promotions
 * int→long→double, float→double and string↔bytes are allowed, and anything involving a union is accepted.
 */
final class AvroCompatibility {

    private static final Set<Schema.Type> NUMERIC_WIDENINGS_TO_DOUBLE =
            EnumSet.of(Schema.Type.INT, Schema.Type.LONG, Schema.Type.FLOAT);

    private AvroCompatibility() {
    }

    static CompatibilityResult check(String oldRaw, String newRaw, CompatibilityMode mode) {
        Schema oldSchema = SchemaDefinitions.avroSchema(oldRaw);
        Schema newSchema = SchemaDefinitions.avroSchema(newRaw);
        return switch (mode) {
            case NONE -> CompatibilityResult.ok();
            case BACKWARD -> backward(oldSchema, newSchema);
            case FORWARD -> forward(oldSchema, newSchema);
            case FULL -> {
                CompatibilityResult backward = backward(oldSchema, newSchema);
                yield backward.compatible() ? forward(oldSchema, newSchema) : backward;
            }
        };
    }

    /** The new schema must read data written with the old one. */
    private static CompatibilityResult backward(Schema oldSchema, Schema newSchema) {
        return readable("Backward incompatible (new schema reading old data)", newSchema, oldSchema);
    }

    /** The old schema must read data written with the new one. */
    private static CompatibilityResult forward(Schema oldSchema, Schema newSchema) {
        return readable("Forward incompatible (old schema reading new data)", oldSchema, newSchema);
    }

    private static CompatibilityResult readable(String direction, Schema reader, Schema writer) {
        List<String> problems = new ArrayList<>();
        collectProblems(reader, writer, problems);
        return CompatibilityResult.of(problems.stream().map(p -> direction + ": " + p).toList());
    }

    private static void collectProblems(Schema reader, Schema writer, List<String> problems) {
        if (reader.equals(writer)) {
            return;
        }
        Schema.Type r = reader.getType();
        Schema.Type w = writer.getType();
        if (r == Schema.Type.UNION || w == Schema.Type.UNION || isPromotion(r, w)) {
            return;
        }
        if (r == Schema.Type.RECORD && w == Schema.Type.RECORD) {
            compareRecords(reader, writer, problems);
        } else if (r == Schema.Type.ARRAY && w == Schema.Type.ARRAY) {
            collectProblems(reader.getElementType(), writer.getElementType(), problems);
        } else if (r == Schema.Type.MAP && w == Schema.Type.MAP) {
            collectProblems(reader.getValueType(), writer.getValueType(), problems);
        } else {
            problems.add("a " + describe(reader) + " reader cannot read " + describe(writer) + " data");
        }
    }

    private static void compareRecords(Schema reader, Schema writer, List<String> problems) {
        if (!reader.getFullName().equals(writer.getFullName())) {
            problems.add("record name changed from '" + writer.getFullName() + "' to '" + reader.getFullName() + "'");
            return;
        }
        for (Schema.Field field : reader.getFields()) {
            if (writer.getField(field.name()) == null && !hasFallback(field)) {
                problems.add("field '" + field.name() + "' of record '" + reader.getFullName()
                        + "' is missing in the writer schema and has no default");
            }
        }
    }

    private static boolean hasFallback(Schema.Field field) {
        if (field.schema().getType() == Schema.Type.UNION) {
            return field.schema().getTypes().stream().anyMatch(s -> s.getType() == Schema.Type.NULL);
        }
        return field.hasDefaultValue();
    }

    private static boolean isPromotion(Schema.Type reader, Schema.Type writer) {
        return switch (reader) {
            case LONG -> writer == Schema.Type.INT;
            case DOUBLE -> NUMERIC_WIDENINGS_TO_DOUBLE.contains(writer);
            case STRING -> writer == Schema.Type.BYTES;
            case BYTES -> writer == Schema.Type.STRING;
            default -> false;
        };
    }

    private static String describe(Schema schema) {
        String type = schema.getType().getName();
        return switch (schema.getType()) {
            case RECORD, ENUM, FIXED -> type + " '" + schema.getFullName() + "'";
            default -> type;
        };
    }
}
