package io.danube.connect.jdbc.config;

import io.danube.connect.config.ConfigException;
import io.danube.connect.logging.Redaction;

import java.util.List;
import java.util.Locale;

/**
 * The {@code [jdbc]} section.
 *
 * @param url                  JDBC URL; PostgreSQL URLs get {@code reWriteBatchedInserts=true} unless they set it
 * @param user                 database user; may be null when the URL carries it
 * @param password             password, usually from {@code JDBC_PASSWORD}; may be null
 * @param poolSize             connections in the HikariCP pool (default 4)
 * @param connectionTimeoutMs  how long a write waits for a connection before it counts as retryable (default 5000)
 * @param routes               topic → table routes; at least one
 * @param positionTable        the table of stored positions of effectively-once routes (default
 *                             {@code danube_positions}), created when missing
 * @param positionRetentionOffsets how many offsets below its highest stored one each (subscription, partition) keeps
 *                             in the position table (default 1 000 000; 0 keeps every position)
 */
public record JdbcSettings(String url, String user, String password, Integer poolSize, Long connectionTimeoutMs,
                           List<RouteSettings> routes, String positionTable, Long positionRetentionOffsets) {

    public static final String DEFAULT_POSITION_TABLE = "danube_positions";

    public static final long DEFAULT_POSITION_RETENTION_OFFSETS = 1_000_000;

    public static final int DEFAULT_POOL_SIZE = 4;
    public static final long DEFAULT_CONNECTION_TIMEOUT_MS = 5_000;

    public JdbcSettings {
        ConfigException.requireText("jdbc.url", url);
        if (!url.startsWith("jdbc:")) {
            throw new ConfigException("jdbc.url", "must be a JDBC URL starting with 'jdbc:', got '" + Redaction.redact(url) + "'");
        }
        poolSize = poolSize == null ? DEFAULT_POOL_SIZE : poolSize;
        if (poolSize < 1 || poolSize > 100) {
            throw new ConfigException("jdbc.pool_size", "must be between 1 and 100, got " + poolSize);
        }
        connectionTimeoutMs = connectionTimeoutMs == null ? DEFAULT_CONNECTION_TIMEOUT_MS : connectionTimeoutMs;
        if (connectionTimeoutMs < 250) {
            throw new ConfigException("jdbc.connection_timeout_ms", "must be at least 250, got "
                                                                     + connectionTimeoutMs);
        }
        if (routes == null || routes.isEmpty()) {
            throw new ConfigException("jdbc.routes", "at least one [[jdbc.routes]] entry is required");
        }
        routes = List.copyOf(routes);
        positionTable = positionTable == null ? DEFAULT_POSITION_TABLE : positionTable;
        TableName.parse("jdbc.position_table", positionTable);
        positionRetentionOffsets = positionRetentionOffsets == null ? DEFAULT_POSITION_RETENTION_OFFSETS
                : positionRetentionOffsets;
        if (positionRetentionOffsets < 0) {
            throw new ConfigException("jdbc.position_retention_offsets", "must be 0 (keep every position) or more,"
                                                                         + " got " + positionRetentionOffsets);
        }
    }

    public TableName positionTableName() {
        return TableName.parse("jdbc.position_table", positionTable);
    }

    /** The URL the pool connects with: PostgreSQL URLs get {@code reWriteBatchedInserts=true} unless already set. */
    public String effectiveUrl() {
        if (!url.startsWith("jdbc:postgresql:") || url.toLowerCase(Locale.ROOT).contains("rewritebatchedinserts")) {
            return url;
        }
        return url + (url.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true";
    }
}
