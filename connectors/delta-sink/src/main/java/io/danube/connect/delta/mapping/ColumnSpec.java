package io.danube.connect.delta.mapping;

import io.danube.connect.config.FieldPath;

/**
 * One data column of a table and where its value comes from.
 *
 * @param name     column name
 * @param type     Delta type
 * @param field    JSON path into the payload
 * @param nullable whether a missing or null value is written as null; otherwise the record is rejected
 */
public record ColumnSpec(String name, ColumnType type, FieldPath field, boolean nullable) {
}
