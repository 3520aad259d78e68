package io.danube.connect.clickhouse.config;

import io.danube.connect.config.ConfigException;

/** The engine of a table the connector creates. */
public enum TableEngine {
    /** Keeps every row, redelivered ones included. */
    MERGE_TREE("MergeTree"),
    /**
     * Rows with equal ORDER BY keys collapse into one during merges; keyed on (danube_topic, danube_offset) a
     * redelivered message leaves one row once merged ({@code SELECT … FINAL} sees that before the merge).
     */
    REPLACING_MERGE_TREE("ReplacingMergeTree");

    private final String sql;

    TableEngine(String sql) {
        this.sql = sql;
    }

    public String sql() {
        return sql;
    }

    static TableEngine parse(String key, String text) {
        if (text == null) {
            return MERGE_TREE;
        }
        for (TableEngine engine : values()) {
            if (engine.sql.equalsIgnoreCase(text.trim())) {
                return engine;
            }
        }
        throw new ConfigException(key, "must be 'MergeTree' or 'ReplacingMergeTree', got '" + text + "'");
    }
}
