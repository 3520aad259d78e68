package io.danube.camel.client;

import io.danube.camel.DanubeConfiguration;
import io.danube.client.DanubeClient;
import io.danube.client.retry.RetryPolicy;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The connection options of an endpoint. Endpoints with equal settings share one {@link DanubeClient}.
 */
public record DanubeClientSettings(String serviceUrl, String token, String tlsCaFile, String tlsCertFile,
                                   String tlsKeyFile, long deadlineMillis, int maxRetries, long retryBaseDelayMillis,
                                   long retryMaxDelayMillis, long healthCheckIntervalMillis) {

    public DanubeClientSettings {
        if (serviceUrl == null || serviceUrl.isBlank()) {
            throw new IllegalArgumentException("serviceUrl must be set on the danube component or endpoint");
        }
        if ((tlsCertFile == null) != (tlsKeyFile == null)) {
            throw new IllegalArgumentException("mutual TLS needs both tlsCertFile and tlsKeyFile, got tlsCertFile="
                    + tlsCertFile + ", tlsKeyFile=" + tlsKeyFile);
        }
        if (tlsCertFile != null && tlsCaFile == null) {
            throw new IllegalArgumentException("mutual TLS needs tlsCaFile besides tlsCertFile and tlsKeyFile");
        }
    }

    public static DanubeClientSettings of(DanubeConfiguration configuration) {
        return new DanubeClientSettings(configuration.getServiceUrl(), configuration.getToken(),
                configuration.getTlsCaFile(), configuration.getTlsCertFile(), configuration.getTlsKeyFile(),
                configuration.getDeadline(), configuration.getMaxRetries(), configuration.getRetryBaseDelay(),
                configuration.getRetryMaxDelay(), configuration.getClientHealthCheckInterval());
    }

    /** Builds a new client with these settings. */
    public DanubeClient newClient() {
        DanubeClient.Builder builder = DanubeClient.builder()
                .serviceUrl(serviceUrl)
                .deadline(Duration.ofMillis(deadlineMillis))
                .retryPolicy(new RetryPolicy(maxRetries, Duration.ofMillis(retryBaseDelayMillis),
                        Duration.ofMillis(retryMaxDelayMillis)))
                .healthCheckInterval(Duration.ofMillis(healthCheckIntervalMillis));
        if (tlsCertFile != null) {
            builder.mtls(Path.of(tlsCaFile), Path.of(tlsCertFile), Path.of(tlsKeyFile));
        } else if (tlsCaFile != null) {
            builder.tls(Path.of(tlsCaFile));
        }
        if (token != null) {
            builder.token(token);
        }
        return builder.build();
    }

    /** The settings without the token, for log and error messages. */
    @Override
    public String toString() {
        return "DanubeClientSettings[serviceUrl=" + serviceUrl + ", token=" + (token == null ? "none" : "***")
                + ", tlsCaFile=" + tlsCaFile + ", tlsCertFile=" + tlsCertFile + "]";
    }
}
