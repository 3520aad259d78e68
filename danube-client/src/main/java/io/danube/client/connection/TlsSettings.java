package io.danube.client.connection;

import java.nio.file.Path;

/**
 * TLS material for the broker connection. {@code caFile} may be {@code null} to trust the JVM's default roots;
 * {@code certFile} and {@code keyFile} are both set for mutual TLS or both {@code null}.
 */
public record TlsSettings(Path caFile, Path certFile, Path keyFile) {

    public TlsSettings {
        if ((certFile == null) != (keyFile == null)) {
            throw new IllegalArgumentException("mTLS needs both a certificate file and a key file");
        }
    }

    /** Server-authenticated TLS using the JVM's default trust roots. */
    public static TlsSettings systemDefault() {
        return new TlsSettings(null, null, null);
    }
}
