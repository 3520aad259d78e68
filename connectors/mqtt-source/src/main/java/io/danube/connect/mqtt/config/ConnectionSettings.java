package io.danube.connect.mqtt.config;

import io.danube.connect.tls.PemFile;
import io.danube.connect.tls.PemTls;

import javax.net.ssl.SSLContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How the connector connects to the MQTT broker, after defaults and validation.
 *
 * @param serverUri        {@code tcp://host:port} or {@code ssl://host:port}
 * @param clientId         MQTT client id; the persistent session belongs to it
 * @param cleanStart       false keeps the session (subscriptions and queued messages) across restarts
 * @param sessionExpiry    how long the broker keeps the session after a disconnect
 * @param receiveMaximum   QoS 1 messages in flight from the broker to the connector (MQTT 5 receive maximum)
 * @param reconnectMaxDelay cap of the reconnect backoff
 */
public record ConnectionSettings(String serverUri, String clientId, String username, String password,
                                 TlsSettings tls, Duration keepAlive, Duration connectionTimeout, boolean cleanStart,
                                 Duration sessionExpiry, int receiveMaximum, Duration reconnectMaxDelay,
                                 Integer maxPacketSize) {

    public boolean usesTls() {
        return serverUri.startsWith("ssl://");
    }

    /**
     * PEM files for TLS; all optional (without a CA file the JVM's trust store is used).
     */
    public record TlsSettings(Path caFile, Path clientCertFile, Path clientKeyFile) {

        public Optional<Path> ca() {
            return Optional.ofNullable(caFile);
        }

        /** The TLS context of these files; fails with a {@code ConfigException} naming the key of a bad file. */
        public SSLContext sslContext() {
            return PemTls.context(pem("mqtt.ca_file", caFile), pem("mqtt.client_cert_file", clientCertFile),
                    pem("mqtt.client_key_file", clientKeyFile));
        }

        private static PemFile pem(String key, Path path) {
            return path == null ? null : new PemFile(key, path);
        }
    }
}
