package io.danube.connect.clickhouse.mapping;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.danube.connect.api.InvalidDataException;
import io.danube.connect.api.SinkRecord;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a record into one JSONEachRow line. With explicit mappings each column's field is read and converted to the
 * column's type; with automatic mapping the payload's JSON object is passed on key by key (ClickHouse matches keys to
 * columns by name): null values are left out so the column default applies, booleans become 1/0 and nested objects
 * JSON text, arrays stay arrays (for Array columns). The metadata columns are appended when the route writes them. A
 * payload that is not JSON, a missing required field or a value that does not fit its column raises
 * {@link InvalidDataException} naming the field, column and table.
 *
 * <p>Automatic mapping checks the payload with a streaming parser first: a single-line JSON object with none of the
 * values that need rewriting is sent as it is (metadata appended to its bytes), without building a tree.
 */
public final class RowEncoder {

    private static final JsonFactory JSON = new ObjectMapper().getFactory();

    private final String table;
    private final List<ColumnSpec> columns;
    private final boolean metadata;

    /** @param columns explicit mappings; empty means automatic mapping */
    public RowEncoder(String table, List<ColumnSpec> columns, boolean metadata) {
        this.table = table;
        this.columns = List.copyOf(columns);
        this.metadata = metadata;
    }

    /** The record as one JSON object on one line (no line break). */
    public byte[] encode(SinkRecord record) {
        if (columns.isEmpty()) {
            int fields = passThroughFields(record.payload());
            if (fields >= 0) {
                return metadata ? withMetadata(record, fields > 0) : record.payload();
            }
        }
        JsonNode payload = record.payloadJson(JsonNode.class);
        if (columns.isEmpty() && !payload.isObject()) {
            throw invalid(record, "automatic mapping needs a JSON object, got "
                                  + payload.getNodeType().name().toLowerCase(Locale.ROOT), null);
        }
        ByteArrayOutputStream line = new ByteArrayOutputStream(record.payload().length + 96);
        try (JsonGenerator out = JSON.createGenerator(line)) {
            out.writeStartObject();
            if (columns.isEmpty()) {
                writeObject(payload, out);
            } else {
                for (ColumnSpec column : columns) {
                    writeColumn(record, payload, column, out);
                }
            }
            if (metadata) {
                for (MetadataField field : MetadataField.values()) {
                    field.write(record, out);
                }
            }
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("Writing a row into memory failed", e);
        }
        return line.toByteArray();
    }

    /**
     * The number of fields of a payload that can be sent as it is: one JSON object on one line whose top-level values
     * are no null, boolean or object (and, with metadata, no key named like a metadata column); -1 otherwise,
     * including for anything that is not JSON (the tree path then reports it).
     */
    private int passThroughFields(byte[] payload) {
        for (byte b : payload) {
            if (b == '\n' || b == '\r') {
                return -1;
            }
        }
        try (JsonParser parser = JSON.createParser(payload)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return -1;
            }
            int fields = 0;
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                if (metadata && MetadataField.isMetadataColumn(parser.currentName())) {
                    return -1;
                }
                switch (parser.nextToken()) {
                    case VALUE_NULL, VALUE_TRUE, VALUE_FALSE, START_OBJECT -> {
                        return -1;
                    }
                    case START_ARRAY -> parser.skipChildren();
                    default -> {
                    }
                }
                fields++;
            }
            return token == JsonToken.END_OBJECT && parser.nextToken() == null ? fields : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    /** The payload object's bytes with the metadata fields appended before its closing brace. */
    private static byte[] withMetadata(SinkRecord record, boolean hasFields) {
        ByteArrayOutputStream fields = new ByteArrayOutputStream(128);
        try (JsonGenerator out = JSON.createGenerator(fields)) {
            out.writeStartObject();
            for (MetadataField field : MetadataField.values()) {
                field.write(record, out);
            }
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("Writing a row into memory failed", e);
        }
        byte[] payload = record.payload();
        int close = payload.length - 1;
        while (payload[close] != '}') {
            close--;
        }
        byte[] metadataObject = fields.toByteArray();
        ByteArrayOutputStream line = new ByteArrayOutputStream(close + metadataObject.length + 1);
        line.write(payload, 0, close);
        if (hasFields) {
            line.write(',');
        }
        line.write(metadataObject, 1, metadataObject.length - 1);
        return line.toByteArray();
    }

    private void writeObject(JsonNode payload, JsonGenerator out) throws IOException {
        for (Iterator<Map.Entry<String, JsonNode>> fields = payload.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            if (value.isNull() || metadata && MetadataField.isMetadataColumn(field.getKey())) {
                continue;
            }
            out.writeFieldName(field.getKey());
            if (value.isBoolean()) {
                out.writeNumber(value.booleanValue() ? 1 : 0);
            } else if (value.isObject()) {
                out.writeString(value.toString());
            } else {
                out.writeTree(value);
            }
        }
    }

    private void writeColumn(SinkRecord record, JsonNode payload, ColumnSpec column, JsonGenerator out)
            throws IOException {
        JsonNode value = column.field().read(payload);
        if (value == null || value.isNull()) {
            if (column.required()) {
                throw invalid(record, "required field " + column.field().text() + " for column " + column.column()
                                      + " is missing or null", null);
            }
            if (column.type().nullable()) {
                out.writeFieldName(column.column());
                out.writeNull();
            }
            return;
        }
        out.writeFieldName(column.column());
        try {
            column.type().write(value, out);
        } catch (RuntimeException e) {
            throw invalid(record, "field " + column.field().text() + " does not fit column " + column.column()
                                  + " (" + column.type().sql() + "): " + e.getMessage(), e);
        }
    }

    private InvalidDataException invalid(SinkRecord record, String message, Throwable cause) {
        Map<String, String> context = new HashMap<>(record.context());
        context.put("table", table);
        return new InvalidDataException(message, cause, context);
    }
}
