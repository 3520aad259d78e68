package io.danube.connect.clickhouse.config;

import io.danube.connect.config.ConfigException;

import java.util.regex.Pattern;

/**
 * Database, table and column names come from the config only and must be plain identifiers: a letter or underscore,
 * then letters, digits or underscores. They are always written in back quotes, so their case is kept.
 */
public final class Identifiers {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,126}");

    private Identifiers() {
    }

    /** Returns {@code name} if it is a valid identifier, else fails naming {@code key}. */
    public static String require(String key, String name) {
        ConfigException.requireText(key, name);
        if (!IDENTIFIER.matcher(name).matches()) {
            throw new ConfigException(key, "'" + name + "' is not a valid identifier (letters, digits and _, not"
                                           + " starting with a digit)");
        }
        return name;
    }

    /** {@code `name`}; the name must have been validated. */
    public static String quote(String name) {
        return '`' + name + '`';
    }
}
