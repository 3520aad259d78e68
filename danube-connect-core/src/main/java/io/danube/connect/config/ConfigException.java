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

    /** The dotted path of the offending key, e.g. {@code retry.max_retries}. */
    public String key() {
        return key;
    }
}
