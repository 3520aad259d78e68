package io.danube.connect.config;

import java.time.Duration;

/**
 * {@code [processing]}: batching, polling, observability and shutdown settings.
 *
 * @param batchSize                   sink batch size; default 1000
 * @param batchTimeout                flush a non-empty sink batch at the latest this long after its first record;
 *                                    default 1 s
 * @param batchLinger                 flush a non-empty sink batch once no record arrived for this long (0 = never);
 *                                    default 20 ms, so a slow trickle or a broker window smaller than the batch does
 *                                    not wait for the full timeout
 * @param pollInterval                idle sleep of a polling source after an empty poll; default 100 ms
 * @param metricsPort                 port of the {@code /metrics} and {@code /health} HTTP server; default 9090,
 *                                    0 picks a free port, -1 disables the server
 * @param metricsHost                 address the HTTP server binds; default 0.0.0.0
 * @param logLevel                    root log level when {@code LOG_LEVEL} is not set; default info
 * @param healthCheckInterval         how often the connector's {@code healthCheck()} runs; default 30 s
 * @param healthCheckFailureThreshold consecutive failed checks that make the connector unhealthy; default 3
 * @param shutdownTimeout             how long a graceful shutdown may take before it is forced; default 30 s
 */
public record ProcessingSettings(int batchSize, Duration batchTimeout, Duration batchLinger, Duration pollInterval,
                                 int metricsPort, String metricsHost, String logLevel, Duration healthCheckInterval,
                                 int healthCheckFailureThreshold, Duration shutdownTimeout) {

    public static final ProcessingSettings DEFAULTS = new ProcessingSettings(1000, Duration.ofSeconds(1),
            Duration.ofMillis(20), Duration.ofMillis(100), 9090, "0.0.0.0", "info", Duration.ofSeconds(30), 3,
            Duration.ofSeconds(30));

    public ProcessingSettings withMetricsPort(int port) {
        return new ProcessingSettings(batchSize, batchTimeout, batchLinger, pollInterval, port, metricsHost, logLevel,
                healthCheckInterval, healthCheckFailureThreshold, shutdownTimeout);
    }
}
