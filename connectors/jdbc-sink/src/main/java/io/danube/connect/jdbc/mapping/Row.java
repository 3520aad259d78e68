package io.danube.connect.jdbc.mapping;

import io.danube.connect.api.SinkRecord;

import java.util.List;

/**
 * The bound values of one record, in column order, each a {@code SqlParameterValue} carrying its JDBC type.
 *
 * @param key the values of the key columns (upsert mode), used to keep only the last row per key in a batch
 */
public record Row(SinkRecord record, List<Object> values, List<Object> key) {
}
