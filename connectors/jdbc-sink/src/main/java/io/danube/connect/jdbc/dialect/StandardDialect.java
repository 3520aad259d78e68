package io.danube.connect.jdbc.dialect;

import io.danube.connect.jdbc.mapping.ColumnType;

import java.sql.Types;

/** Any other database: standard SQL types, insert mode only, JSON stored as text. Untested. */
final class StandardDialect implements Dialect {

    @Override
    public String name() {
        return "standard SQL";
    }

    @Override
    public String ddlType(ColumnType type) {
        return switch (type) {
            case TEXT, JSON -> "VARCHAR(4000)";
            case INTEGER -> "INTEGER";
            case BIGINT -> "BIGINT";
            case DOUBLE -> "DOUBLE PRECISION";
            case NUMERIC -> "NUMERIC";
            case BOOLEAN -> "BOOLEAN";
            case TIMESTAMP -> "TIMESTAMP WITH TIME ZONE";
            case DATE -> "DATE";
        };
    }

    @Override
    public int bindType(ColumnType type) {
        return type == ColumnType.JSON ? Types.VARCHAR : type.sqlType();
    }
}
