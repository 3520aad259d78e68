package io.danube.connect.jdbc.config;

import io.danube.connect.config.ConfigException;

/** A validated table name, optionally schema-qualified. */
public record TableName(String schema, String name) {

    /** Parses {@code table} or {@code schema.table}, failing naming {@code key}. */
    public static TableName parse(String key, String text) {
        ConfigException.requireText(key, text);
        int dot = text.indexOf('.');
        if (dot < 0) {
            return new TableName(null, Identifiers.require(key, text));
        }
        return new TableName(Identifiers.require(key, text.substring(0, dot)),
                Identifiers.require(key, text.substring(dot + 1)));
    }

    /** The quoted name for SQL: {@code "schema"."table"} or {@code "table"}. */
    public String sql() {
        return schema == null ? Identifiers.quote(name) : Identifiers.quote(schema) + "." + Identifiers.quote(name);
    }

    @Override
    public String toString() {
        return schema == null ? name : schema + "." + name;
    }
}
