package io.danube.connect.config;

import io.danube.connect.api.FatalException;

import java.util.Map;

/** A configuration value is missing, malformed, out of range or not a known key; names the key. */
public final class ConfigException extends FatalException {

    private final String key;

    public ConfigException(String key, String problem) {
        this(key, problem, null);
    }

    public ConfigException(String key, String problem, Throwable cause) {
        super("Invalid configuration key '" + key + "': " + problem, cause, Map.of());
        this.key = key;
    }

    /** Returns {@code value}, or fails naming {@code key} when it is missing or blank. */
    public static String requireText(String key, String value) {
        if (value == null || value.isBlank()) {
            throw new ConfigException(key, "required and must not be empty");
        }
        return value;
    }

    /** The dotted path of the offending key, e.g. {@code retry.max_retries}. */
    public String key() {
        return key;
    }
}
