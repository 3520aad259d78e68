package io.danube.connect.jdbc.dialect;

import io.danube.connect.jdbc.config.TableName;
import io.danube.connect.jdbc.mapping.ColumnType;

import java.sql.Types;
import java.util.List;
import java.util.stream.Collectors;

import static io.danube.connect.jdbc.config.Identifiers.quote;

/**
 * MariaDB (and MySQL URLs): each connection turns on {@code ANSI_QUOTES} so the quoted identifiers every statement
 * uses work; upserts are {@code INSERT … ON DUPLICATE KEY UPDATE}; text key columns are {@code VARCHAR(255)} because
 * InnoDB cannot index an unbounded {@code TEXT}; timestamps are {@code DATETIME(6)} in UTC.
 */
final class MariaDbDialect implements Dialect {

    @Override
    public String name() {
        return "MariaDB";
    }

    @Override
    public String connectionInitSql() {
        return "SET SESSION sql_mode = CONCAT(@@sql_mode, ',ANSI_QUOTES'), time_zone = '+00:00'";
    }

    @Override
    public String ddlType(ColumnType type) {
        return switch (type) {
            case TEXT -> "TEXT";
            case INTEGER -> "INT";
            case BIGINT -> "BIGINT";
            case DOUBLE -> "DOUBLE";
            case NUMERIC -> "DECIMAL(38,10)";
            case BOOLEAN -> "BOOLEAN";
            case TIMESTAMP -> "DATETIME(6)";
            case DATE -> "DATE";
            case JSON -> "JSON";
        };
    }

    @Override
    public String keyDdlType(ColumnType type) {
        return type == ColumnType.TEXT ? "VARCHAR(255)" : ddlType(type);
    }

    @Override
    public int bindType(ColumnType type) {
        return switch (type) {
            case JSON -> Types.VARCHAR;
            case TIMESTAMP -> Types.TIMESTAMP;
            default -> type.sqlType();
        };
    }

    @Override
    public boolean supportsUpsert() {
        return true;
    }

    @Override
    public String upsert(TableName table, List<String> columns, List<ColumnType> types, List<String> keys) {
        List<String> updated = columns.stream().filter(column -> !keys.contains(column)).toList();
        List<String> assigned = updated.isEmpty() ? keys : updated;
        return insert(table, columns, types) + " ON DUPLICATE KEY UPDATE " + assigned.stream()
                .map(column -> quote(column) + " = VALUES(" + quote(column) + ")").collect(Collectors.joining(", "));
    }
}
