package io.danube.connect.clickhouse.config;

/**
 * One {@code [[clickhouse.routes.columns]]} mapping.
 *
 * @param field    JSON path into the payload, {@code $.device} or {@code $.reading.value} (default {@code $.<column>})
 * @param column   target column
 * @param type     ClickHouse type of the column: String, Int8…Int64, UInt8…UInt64, Float32, Float64, Decimal(P, S),
 *                 Date, DateTime, each optionally Nullable(…) (default String)
 * @param required a missing or null value rejects the row to the dead-letter topic (default false)
 */
public record ColumnSettings(String field, String column, String type, Boolean required) {
}
