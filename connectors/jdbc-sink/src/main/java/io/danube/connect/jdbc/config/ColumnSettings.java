package io.danube.connect.jdbc.config;

/**
 * One {@code [[jdbc.routes.columns]]} mapping.
 *
 * @param field    JSON path into the payload, {@code $.device} or {@code $.reading.value} (default {@code $.<column>})
 * @param column   target column
 * @param type     column type: text, integer, bigint, double, numeric, boolean, timestamp, date, json (default text)
 * @param required a missing or null value rejects the row to the dead-letter topic (default false; key columns are
 *                 always required)
 */
public record ColumnSettings(String field, String column, String type, Boolean required) {
}
