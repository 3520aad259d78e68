package io.danube.connect.clickhouse.mapping;

import io.danube.connect.config.FieldPath;

/**
 * One explicitly mapped column.
 *
 * @param required a missing or null value rejects the row
 */
public record ColumnSpec(String column, ColumnType type, FieldPath field, boolean required) {
}
