package io.danube.connect.clickhouse.config;

import io.danube.connect.config.ConfigException;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/**
 * The {@code [clickhouse]} section.
 *
 * @param url               the HTTP interface, {@code http://127.0.0.1:8123} or {@code https://host:8443}
 * @param database          database of the tables (default {@code default})
 * @param user              sent as {@code X-ClickHouse-User} (default: none, the server's {@code default} user)
 * @param password          sent as {@code X-ClickHouse-Key}, usually from {@code CLICKHOUSE_PASSWORD}
 * @param compression       {@code gzip} (default) compresses request bodies, {@code none} sends them plain
 * @param connectTimeoutMs  TCP connect timeout (default 5000)
 * @param requestTimeoutMs  how long an insert may take before it counts as a retryable failure (default 30000)
 * @param skipUnknownFields automatic mapping: payload keys without a column are ignored (default true) or reject the
 *                          row ({@code false})
 * @param caFile            https: PEM file of the CA certificate(s) to trust instead of the JVM's trust store
 * @param routes            topic → table routes; at least one
 */
public record ClickHouseSettings(String url, String database, String user, String password, String compression,
                                 Long connectTimeoutMs, Long requestTimeoutMs, Boolean skipUnknownFields,
                                 String caFile, List<RouteSettings> routes) {

    public static final long DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
    public static final long DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

    public ClickHouseSettings {
        ConfigException.requireText("clickhouse.url", url);
        URI parsed;
        try {
            parsed = new URI(url);
        } catch (URISyntaxException e) {
            throw new ConfigException("clickhouse.url", "'" + url + "' is not a URL: " + e.getMessage(), e);
        }
        if (!("http".equals(parsed.getScheme()) || "https".equals(parsed.getScheme())) || parsed.getHost() == null
            || parsed.getQuery() != null) {
            throw new ConfigException("clickhouse.url", "must be http://host:port or https://host:port without a"
                                                        + " query, got '" + url + "'");
        }
        url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        database = database == null ? "default" : Identifiers.require("clickhouse.database", database);
        compression = compression == null ? "gzip" : compression.trim().toLowerCase(Locale.ROOT);
        if (!compression.equals("gzip") && !compression.equals("none")) {
            throw new ConfigException("clickhouse.compression", "must be 'gzip' or 'none', got '" + compression
                                                                + "'");
        }
        connectTimeoutMs = atLeast("clickhouse.connect_timeout_ms", connectTimeoutMs, DEFAULT_CONNECT_TIMEOUT_MS);
        requestTimeoutMs = atLeast("clickhouse.request_timeout_ms", requestTimeoutMs, DEFAULT_REQUEST_TIMEOUT_MS);
        skipUnknownFields = skipUnknownFields == null || skipUnknownFields;
        if (caFile != null && !url.startsWith("https:")) {
            throw new ConfigException("clickhouse.ca_file", "only applies to an https:// url");
        }
        if (routes == null || routes.isEmpty()) {
            throw new ConfigException("clickhouse.routes", "at least one [[clickhouse.routes]] entry is required");
        }
        routes = List.copyOf(routes);
    }

    public boolean gzip() {
        return compression.equals("gzip");
    }

    public boolean tls() {
        return url.startsWith("https:");
    }

    private static long atLeast(String key, Long value, long defaultValue) {
        if (value == null) {
            return defaultValue;
        }
        if (value < 100) {
            throw new ConfigException(key, "must be at least 100, got " + value);
        }
        return value;
    }
}
