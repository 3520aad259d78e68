package io.danube.connect.jdbc.dialect;

import io.danube.connect.jdbc.config.TableName;
import io.danube.connect.jdbc.mapping.ColumnType;

import java.sql.Types;
import java.util.List;

/** H2 2.x: {@code MERGE INTO … KEY (…)} for upserts, JSON bound as text with {@code FORMAT JSON}. */
final class H2Dialect implements Dialect {

    @Override
    public String name() {
        return "H2";
    }

    @Override
    public String ddlType(ColumnType type) {
        return switch (type) {
            case TEXT -> "VARCHAR";
            case INTEGER -> "INTEGER";
            case BIGINT -> "BIGINT";
            case DOUBLE -> "DOUBLE PRECISION";
            case NUMERIC -> "NUMERIC";
            case BOOLEAN -> "BOOLEAN";
            case TIMESTAMP -> "TIMESTAMP WITH TIME ZONE";
            case DATE -> "DATE";
            case JSON -> "JSON";
        };
    }

    @Override
    public int bindType(ColumnType type) {
        return type == ColumnType.JSON ? Types.VARCHAR : type.sqlType();
    }

    @Override
    public String placeholder(ColumnType type) {
        return type == ColumnType.JSON ? "? FORMAT JSON" : "?";
    }

    @Override
    public boolean supportsUpsert() {
        return true;
    }

    @Override
    public String upsert(TableName table, List<String> columns, List<ColumnType> types, List<String> keys) {
        return "MERGE INTO " + table.sql() + " (" + columnList(columns) + ") KEY (" + columnList(keys) + ") VALUES ("
               + placeholders(types) + ")";
    }
}
