package io.danube.connect.webhook.config;

import io.danube.connect.config.ConfigException;

import java.time.Duration;

/**
 * {@code [server]}: where the HTTP server listens and how much it accepts.
 *
 * @param maxBodySize      bytes; a larger body is answered 413
 * @param requestTimeoutMs how long a request may wait for Danube to accept its message before it is answered 503
 * @param workerThreads    requests processed at the same time (each waits for Danube's acknowledgement)
 */
public record ServerSettings(String host, Integer port, Long maxBodySize, Long requestTimeoutMs, Integer workerThreads,
                             TlsSettings tls) {

    public static final long DEFAULT_MAX_BODY_SIZE = 1024 * 1024;

    public ServerSettings {
        host = host == null ? "0.0.0.0" : host;
        port = port == null ? 8080 : port;
        maxBodySize = maxBodySize == null ? DEFAULT_MAX_BODY_SIZE : maxBodySize;
        requestTimeoutMs = requestTimeoutMs == null ? 10_000L : requestTimeoutMs;
        workerThreads = workerThreads == null ? 32 : workerThreads;
        if (port < 0 || port > 65535) {
            throw new ConfigException("server.port", "must be 0..65535, got " + port);
        }
        if (maxBodySize <= 0) {
            throw new ConfigException("server.max_body_size", "must be > 0 bytes, got " + maxBodySize);
        }
        if (requestTimeoutMs <= 0) {
            throw new ConfigException("server.request_timeout_ms", "must be > 0, got " + requestTimeoutMs);
        }
        if (workerThreads <= 0) {
            throw new ConfigException("server.worker_threads", "must be > 0, got " + workerThreads);
        }
    }

    public static ServerSettings defaults() {
        return new ServerSettings(null, null, null, null, null, null);
    }

    public Duration requestTimeout() {
        return Duration.ofMillis(requestTimeoutMs);
    }
}
