package io.danube.connect.jdbc.mapping;

import io.danube.connect.config.FieldPath;

/**
 * One column a route writes: from a payload field ({@code field} set) or from Danube metadata ({@code metadata} set).
 *
 * @param required a missing or null value rejects the row
 */
public record ColumnSpec(String column, ColumnType type, FieldPath field, MetadataField metadata, boolean required) {

    public static ColumnSpec ofField(String column, ColumnType type, FieldPath field, boolean required) {
        return new ColumnSpec(column, type, field, null, required);
    }

    public static ColumnSpec ofMetadata(MetadataField metadata) {
        return new ColumnSpec(metadata.column(), metadata.type(), null, metadata, false);
    }

    public ColumnSpec withType(ColumnType newType) {
        return new ColumnSpec(column, newType, field, metadata, required);
    }

    public ColumnSpec asRequired() {
        return new ColumnSpec(column, type, field, metadata, true);
    }
}
