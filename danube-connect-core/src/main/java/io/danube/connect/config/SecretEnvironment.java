package io.danube.connect.config;

import java.util.Map;

/**
 * Implemented by a connector whose secrets (passwords, API keys, URLs with credentials) may come from the environment
 * instead of the config file; the launcher applies them before the connector is initialised.
 */
public interface SecretEnvironment {

    /** Environment variable → dotted config key it overrides, e.g. {@code QDRANT_API_KEY -> qdrant.api_key}. */
    Map<String, String> secretEnvironment();
}
