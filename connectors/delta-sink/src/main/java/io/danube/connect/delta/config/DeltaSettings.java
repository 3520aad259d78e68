package io.danube.connect.delta.config;

import io.danube.connect.config.ConfigException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code [deltalake]} section: the Rust connector's keys plus ours.
 *
 * @param storageBackend         Rust key ({@code local}, {@code s3}, {@code azure}, {@code gcs}); informative, the
 *                               table location's URI scheme picks the file system
 * @param s3Region               {@code fs.s3a.endpoint.region} for {@code s3a://} tables
 * @param s3Endpoint             {@code fs.s3a.endpoint} (MinIO and other S3-compatible stores)
 * @param s3AllowHttp            {@code fs.s3a.connection.ssl.enabled} = false when true
 * @param azureStorageAccount    Rust key, informative (use {@code hadoop} properties for abfs)
 * @param azureContainer         Rust key, informative
 * @param gcpProjectId           Rust key, informative
 * @param batchSize              Rust key: accepted, the batcher is {@code [processing] batch_size}
 * @param flushIntervalMs        Rust key: accepted, the batcher is {@code [processing] batch_timeout_ms}
 * @param checkpointInterval     a checkpoint every this many commits ({@code delta.checkpointInterval}, default 10)
 * @param targetFileSizeMb       largest Parquet file written before a new one is started (default 128)
 * @param commitRetries          how often a commit is rebased on concurrent appends before the batch is retried
 *                               (default 10)
 * @param hadoop                 extra Hadoop configuration (file system settings of object stores)
 * @param routes                 topic → table routes
 * @param topicMappings          older Rust spelling of {@code routes}
 */
public record DeltaSettings(String storageBackend, String s3Region, String s3Endpoint, Boolean s3AllowHttp,
                            String azureStorageAccount, String azureContainer, String gcpProjectId, Integer batchSize,
                            Long flushIntervalMs, Integer checkpointInterval, Integer targetFileSizeMb,
                            Integer commitRetries, Map<String, String> hadoop, List<RouteSettings> routes,
                            List<RouteSettings> topicMappings) {

    public DeltaSettings {
        if (storageBackend != null && !List.of("local", "s3", "azure", "gcs")
                .contains(storageBackend.trim().toLowerCase(Locale.ROOT))) {
            throw new ConfigException("deltalake.storage_backend", "must be local, s3, azure or gcs, got '"
                                                                   + storageBackend + "'");
        }
        checkpointInterval = positive("deltalake.checkpoint_interval", checkpointInterval, 10);
        targetFileSizeMb = positive("deltalake.target_file_size_mb", targetFileSizeMb, 128);
        commitRetries = positive("deltalake.commit_retries", commitRetries, 10);
        hadoop = hadoop == null ? Map.of() : Map.copyOf(hadoop);
        List<RouteSettings> all = new ArrayList<>();
        if (routes != null) {
            all.addAll(routes);
        }
        if (topicMappings != null) {
            all.addAll(topicMappings);
        }
        if (all.isEmpty()) {
            throw new ConfigException("deltalake.routes", "at least one [[deltalake.routes]] entry is required");
        }
        routes = List.copyOf(all);
        topicMappings = List.of();
    }

    /** Hadoop configuration of the Delta engine: the Parquet target file size, the S3 keys, then {@code hadoop}. */
    public Map<String, String> hadoopProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("delta.kernel.default.parquet.writer.targetMaxFileSize",
                Long.toString(targetFileSizeMb * 1024L * 1024L));
        if (s3Region != null) {
            properties.put("fs.s3a.endpoint.region", s3Region);
        }
        if (s3Endpoint != null) {
            properties.put("fs.s3a.endpoint", s3Endpoint);
            properties.put("fs.s3a.path.style.access", "true");
        }
        if (Boolean.TRUE.equals(s3AllowHttp)) {
            properties.put("fs.s3a.connection.ssl.enabled", "false");
        }
        properties.putAll(hadoop);
        return properties;
    }

    private static int positive(String key, Integer value, int defaultValue) {
        if (value == null) {
            return defaultValue;
        }
        if (value < 1) {
            throw new ConfigException(key, "must be at least 1, got " + value);
        }
        return value;
    }
}
