package io.danube.connect.jdbc.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import io.danube.connect.api.InvalidDataException;
import io.danube.connect.api.SinkRecord;
import io.danube.connect.jdbc.dialect.Dialect;
import org.springframework.jdbc.core.SqlParameterValue;

import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a record into a {@link Row}: parses the JSON payload, reads each column's field (or metadata), converts it to
 * the column type and wraps it as a typed bound parameter. A payload that is not JSON, a missing required field or a
 * value that does not fit its column raises {@link InvalidDataException} naming the field and column.
 */
public final class RowMapper {

    private final TableLayout layout;
    private final Dialect dialect;
    private final int[] keyIndexes;

    public RowMapper(TableLayout layout, Dialect dialect) {
        this.layout = layout;
        this.dialect = dialect;
        List<String> names = layout.columnNames();
        this.keyIndexes = layout.keyColumns().stream().mapToInt(names::indexOf).toArray();
    }

    public Row map(SinkRecord record) {
        JsonNode payload = record.payloadJson(JsonNode.class);
        if (layout.automatic() && !payload.isObject()) {
            throw invalid(record, "automatic mapping needs a JSON object, got " + payload.getNodeType()
                    .name().toLowerCase(Locale.ROOT), null);
        }
        List<Object> values = new ArrayList<>(layout.columns().size());
        for (ColumnSpec column : layout.columns()) {
            Object value = column.metadata() != null ? column.metadata().valueOf(record) : fieldValue(record,
                    payload, column);
            values.add(bind(column.type(), value));
        }
        List<Object> key = new ArrayList<>(keyIndexes.length);
        for (int index : keyIndexes) {
            key.add(((SqlParameterValue) values.get(index)).getValue());
        }
        return new Row(record, values, key);
    }

    private Object fieldValue(SinkRecord record, JsonNode payload, ColumnSpec column) {
        JsonNode node = column.field().read(payload);
        Object value;
        try {
            value = column.type().convert(node);
        } catch (RuntimeException e) {
            throw invalid(record, "field " + column.field().text() + " does not fit column " + column.column()
                                  + " (" + column.type().name().toLowerCase(Locale.ROOT) + "): "
                                  + e.getMessage(), e);
        }
        if (value == null && column.required()) {
            throw invalid(record, "required field " + column.field().text() + " for column " + column.column()
                                  + " is missing or null", null);
        }
        return value;
    }

    private SqlParameterValue bind(ColumnType type, Object value) {
        int sqlType = dialect.bindType(type);
        return sqlType == Types.OTHER ? new SqlParameterValue(sqlType, "json", value)
                : new SqlParameterValue(sqlType, value);
    }

    private InvalidDataException invalid(SinkRecord record, String message, Throwable cause) {
        Map<String, String> context = new HashMap<>(record.context());
        context.put("table", layout.table().toString());
        return new InvalidDataException(message, cause, context);
    }
}
