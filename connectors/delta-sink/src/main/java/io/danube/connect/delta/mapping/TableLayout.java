package io.danube.connect.delta.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.danube.connect.api.InvalidDataException;
import io.danube.connect.api.SinkRecord;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The columns of one table: the data columns mapped from the payload, then the metadata columns, and which of them
 * partition the table. Turns a record into the row of values in that column order.
 */
public record TableLayout(List<ColumnSpec> columns, boolean metadataColumns, List<String> partitionColumns) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public TableLayout {
        columns = List.copyOf(columns);
        partitionColumns = List.copyOf(partitionColumns);
    }

    public StructType schema() {
        List<StructField> fields = new ArrayList<>();
        columns.forEach(column -> fields.add(new StructField(column.name(), column.type().deltaType(),
                column.nullable())));
        if (metadataColumns) {
            for (MetadataColumn metadata : MetadataColumn.values()) {
                fields.add(new StructField(metadata.column(), metadata.type(), false));
            }
        }
        return new StructType(fields);
    }

    /** The type of every column in schema order (metadata columns included). */
    public List<ColumnType> types() {
        List<ColumnType> types = new ArrayList<>();
        columns.forEach(column -> types.add(column.type()));
        if (metadataColumns) {
            for (MetadataColumn metadata : MetadataColumn.values()) {
                types.add(new ColumnType(metadata.type()));
            }
        }
        return types;
    }

    /**
     * The values of {@code record}'s row in schema order.
     *
     * @throws InvalidDataException when the payload is not a JSON object or a value does not fit its column
     */
    public Object[] row(SinkRecord record) {
        JsonNode document;
        try {
            document = JSON.readTree(record.payload());
        } catch (IOException e) {
            throw new InvalidDataException("Payload is not JSON: " + e.getMessage());
        }
        if (document == null || !document.isObject()) {
            throw new InvalidDataException("Payload is not a JSON object");
        }
        int width = columns.size() + (metadataColumns ? MetadataColumn.values().length : 0);
        Object[] row = new Object[width];
        for (int i = 0; i < columns.size(); i++) {
            ColumnSpec column = columns.get(i);
            JsonNode value = column.field().read(document);
            if (value == null || value.isNull() || value.isMissingNode()) {
                if (!column.nullable()) {
                    throw new InvalidDataException("Column " + column.name() + " is not nullable but "
                                                   + column.field().text() + " is missing or null");
                }
                continue;
            }
            try {
                row[i] = column.type().convert(value);
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw new InvalidDataException("Column " + column.name() + " (" + column.type().name() + ") from "
                                               + column.field().text() + ": " + e.getMessage());
            }
        }
        if (metadataColumns) {
            MetadataColumn[] metadata = MetadataColumn.values();
            for (int i = 0; i < metadata.length; i++) {
                row[columns.size() + i] = metadata[i].valueOf(record);
            }
        }
        return row;
    }
}
