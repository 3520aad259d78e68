package io.danube.connect.api;

import java.util.Map;
import java.util.Set;

/**
 * What every connector has, source or sink: {@link #initialize} with the runtime's {@link ConnectorContext},
 * {@link #healthCheck()}, {@link #shutdown()}, and two facts the launcher needs before a connector is initialised,
 * since they decide how its config file is read: which environment variables override which keys
 * ({@link #secretEnvironment()}) and which sections identify its file ({@link #identifyingSections()}).
 */
public interface Connector {

    /**
     * Reads the connector's own config section ({@code context.config()}) and opens connections, without changing
     * the external system; the Camel context, metrics and health registration come from {@code context}. Fatal or
     * invalid config aborts the start.
     */
    void initialize(ConnectorContext context);

    /** Releases resources; called once at the end of the run. The default does nothing. */
    default void shutdown() {
    }

    /** Throws if the external system is not reachable; called every {@code health_check_interval_ms}. */
    default void healthCheck() {
    }

    /**
     * Environment variables that override config keys, for secrets (passwords, API keys, URLs with credentials) and
     * deployment settings: variable → dotted key, e.g. {@code JDBC_PASSWORD -> jdbc.password}. Applied when the
     * config file is loaded, so {@code initialize} sees the overridden values. The default overrides nothing.
     */
    default Map<String, String> secretEnvironment() {
        return Map.of();
    }

    /**
     * Top-level sections that, all present, mark a config file as this connector's (e.g. {@code mqtt}): when a file
     * names no {@code connector_class} (a Rust connector's file never does) and several connectors are on the class
     * path, the launcher runs the one whose sections are all in the file. The default (none) never matches.
     */
    default Set<String> identifyingSections() {
        return Set.of();
    }
}
