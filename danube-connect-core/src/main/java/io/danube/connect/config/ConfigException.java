package io.danube.connect.config;

import io.danube.connect.api.FatalException;

import java.util.Map;

/** A configuration value is missing, malformed, out of range or not a known key; names the key. */
public final class ConfigException extends FatalException {

    /** The key of a problem with the file as a whole. */
    public static final String FILE = "<file>";

    private final String key;

    public ConfigException(String key, String problem) {
        this(key, problem, null);
    }

    public ConfigException(String key, String problem, Throwable cause) {
        this(key, "Invalid configuration key '" + key + "': " + problem, cause, Map.of());
    }

    private ConfigException(String key, String message, Throwable cause, Map<String, String> context) {
        super(message, cause, context);
        this.key = key;
    }

    /** A problem with the file as a whole (unreadable, not TOML, ...); its key is {@link #FILE}. */
    public static ConfigException ofFile(String problem, Throwable cause) {
        return new ConfigException(FILE, "Invalid configuration file: " + problem, cause, Map.of());
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
