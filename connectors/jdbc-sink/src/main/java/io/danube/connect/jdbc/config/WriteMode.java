package io.danube.connect.jdbc.config;

import io.danube.connect.config.ConfigException;

import java.util.Locale;

/** How rows reach the table. */
public enum WriteMode {
    /** Plain INSERT; a duplicate key is a data error and goes to the dead-letter topic. */
    INSERT,
    /** Insert or update by the key columns, so redelivered messages write the same row again. */
    UPSERT;

    static WriteMode parse(String key, String text) {
        if (text == null) {
            return INSERT;
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "insert" -> INSERT;
            case "upsert" -> UPSERT;
            default -> throw new ConfigException(key, "must be 'insert' or 'upsert', got '" + text + "'");
        };
    }
}
