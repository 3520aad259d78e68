package io.danube.connect.jdbc.dialect;

import io.danube.connect.jdbc.config.TableName;
import io.danube.connect.jdbc.mapping.ColumnType;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import static io.danube.connect.jdbc.config.Identifiers.quote;

/** PostgreSQL: {@code INSERT … ON CONFLICT (keys) DO UPDATE}, jsonb bound untyped so the server casts it. */
final class PostgresDialect implements Dialect {

    @Override
    public String name() {
        return "PostgreSQL";
    }

    @Override
    public String ddlType(ColumnType type) {
        return switch (type) {
            case TEXT -> "text";
            case INTEGER -> "integer";
            case BIGINT -> "bigint";
            case DOUBLE -> "double precision";
            case NUMERIC -> "numeric";
            case BOOLEAN -> "boolean";
            case TIMESTAMP -> "timestamptz";
            case DATE -> "date";
            case JSON -> "jsonb";
        };
    }

    /** One statement per partition: the offsets as a {@code bigint[]}, expanded on the server. */
    @Override
    public Optional<String> positionArrayInsert(TableName table) {
        return Optional.of("INSERT INTO " + table.sql() + " (\"subscription\", \"partition_topic\", \"msg_offset\")"
                           + " SELECT ?, ?, unnest(CAST(? AS bigint[]))");
    }

    @Override
    public boolean supportsCopy() {
        return true;
    }

    @Override
    public boolean supportsUpsert() {
        return true;
    }

    @Override
    public String upsert(TableName table, List<String> columns, List<ColumnType> types, List<String> keys) {
        List<String> updated = columns.stream().filter(column -> !keys.contains(column)).toList();
        String action = updated.isEmpty() ? "DO NOTHING" : "DO UPDATE SET " + updated.stream()
                .map(column -> quote(column) + " = EXCLUDED." + quote(column)).collect(Collectors.joining(", "));
        return insert(table, columns, types) + " ON CONFLICT (" + columnList(keys) + ") " + action;
    }
}
