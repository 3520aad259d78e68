package io.danube.connect.delta.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.danube.connect.api.SinkRecord;
import io.danube.connect.config.FieldPath;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.StringType;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Columns inferred from the top-level keys of the JSON objects of a batch, in first-seen order: integral numbers →
 * long, other numbers → double, booleans → boolean, everything else → string (objects and arrays as JSON text). A key
 * seen with two kinds of values widens long → double → string. Every inferred column is nullable.
 */
public final class SchemaInference {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SchemaInference() {
    }

    /** The inferred columns, or empty when no record of the batch is a JSON object. */
    public static Optional<List<ColumnSpec>> infer(List<SinkRecord> records) {
        Map<String, DataType> types = new LinkedHashMap<>();
        for (SinkRecord record : records) {
            JsonNode document;
            try {
                document = JSON.readTree(record.payload());
            } catch (IOException e) {
                continue;
            }
            if (document == null || !document.isObject()) {
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = document.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (!field.getValue().isNull()) {
                    types.merge(field.getKey(), typeOf(field.getValue()), SchemaInference::widen);
                }
            }
        }
        if (types.isEmpty()) {
            return Optional.empty();
        }
        List<ColumnSpec> columns = new ArrayList<>();
        types.forEach((name, type) -> columns.add(new ColumnSpec(name, new ColumnType(type),
                FieldPath.parse("inferred column " + name, "$." + name), true)));
        return Optional.of(columns);
    }

    private static DataType typeOf(JsonNode value) {
        if (value.isIntegralNumber()) {
            return LongType.LONG;
        }
        if (value.isNumber()) {
            return DoubleType.DOUBLE;
        }
        if (value.isBoolean()) {
            return BooleanType.BOOLEAN;
        }
        return StringType.STRING;
    }

    private static DataType widen(DataType first, DataType second) {
        if (first.equals(second)) {
            return first;
        }
        boolean numbers = (first instanceof LongType || first instanceof DoubleType)
                          && (second instanceof LongType || second instanceof DoubleType);
        return numbers ? DoubleType.DOUBLE : StringType.STRING;
    }
}
