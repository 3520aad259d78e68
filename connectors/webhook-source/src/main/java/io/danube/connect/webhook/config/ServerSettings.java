package io.danube.connect.webhook.config;

import io.danube.connect.config.ConfigException;

import java.time.Duration;

/**
 * {@code [server]}: where the HTTP server listens and how much it accepts.
 *
 * @param maxBodySize      bytes; a larger body is answered 413
 * @param requestTimeoutMs how long the upload of a request's body may take (else 408) and how long the request may
 *                         then wait for Danube to accept its message (else 503); default 10 s
 * @param timeoutSeconds   the Rust connector's spelling of the same bound, in seconds
 * @param workerThreads    requests processed at the same time (each waits for Danube's acknowledgement)
 * @param tls              {@code [server.tls]}
 * @param tlsCertPath      the Rust connector's spelling of {@code [server.tls] cert_path}
 * @param tlsKeyPath       the Rust connector's spelling of {@code [server.tls] key_path}
 */
public record ServerSettings(String host, Integer port, Long maxBodySize, Long requestTimeoutMs, Long timeoutSeconds,
                             Integer workerThreads, TlsSettings tls, String tlsCertPath, String tlsKeyPath) {

    public static final long DEFAULT_MAX_BODY_SIZE = 1024 * 1024;

    public ServerSettings {
        host = host == null ? "0.0.0.0" : host;
        port = port == null ? 8080 : port;
        maxBodySize = maxBodySize == null ? DEFAULT_MAX_BODY_SIZE : maxBodySize;
        requestTimeoutMs = requestTimeout(requestTimeoutMs, timeoutSeconds);
        workerThreads = workerThreads == null ? 32 : workerThreads;
        tls = tls(tls, tlsCertPath, tlsKeyPath);
        if (port < 0 || port > 65535) {
            throw new ConfigException("server.port", "must be 0..65535, got " + port);
        }
        if (maxBodySize <= 0) {
            throw new ConfigException("server.max_body_size", "must be > 0 bytes, got " + maxBodySize);
        }
        if (workerThreads <= 0) {
            throw new ConfigException("server.worker_threads", "must be > 0, got " + workerThreads);
        }
    }

    public static ServerSettings defaults() {
        return new ServerSettings(null, null, null, null, null, null, null, null, null);
    }

    public Duration requestTimeout() {
        return Duration.ofMillis(requestTimeoutMs);
    }

    /** A copy whose TLS files are the given ones (resolved paths). */
    public ServerSettings withTls(TlsSettings resolved) {
        return new ServerSettings(host, port, maxBodySize, requestTimeoutMs, null, workerThreads, resolved, null, null);
    }

    private static long requestTimeout(Long millis, Long seconds) {
        if (millis != null && seconds != null) {
            throw new ConfigException("server.timeout_seconds", "set either timeout_seconds or request_timeout_ms,"
                                                                + " not both");
        }
        if (seconds != null && seconds <= 0) {
            throw new ConfigException("server.timeout_seconds", "must be > 0, got " + seconds);
        }
        if (millis != null && millis <= 0) {
            throw new ConfigException("server.request_timeout_ms", "must be > 0, got " + millis);
        }
        return millis != null ? millis : seconds != null ? Duration.ofSeconds(seconds).toMillis() : 10_000L;
    }

    private static TlsSettings tls(TlsSettings tls, String certPath, String keyPath) {
        if (certPath == null && keyPath == null) {
            return tls;
        }
        if (tls != null) {
            throw new ConfigException(certPath != null ? "server.tls_cert_path" : "server.tls_key_path",
                    "set the certificate either here or in [server.tls], not both");
        }
        if (certPath == null || keyPath == null) {
            throw new ConfigException(certPath == null ? "server.tls_cert_path" : "server.tls_key_path",
                    "tls_cert_path and tls_key_path must be set together");
        }
        return new TlsSettings(null, null, null, certPath, keyPath);
    }
}
