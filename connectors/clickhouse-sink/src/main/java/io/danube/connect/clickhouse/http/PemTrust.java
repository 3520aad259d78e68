package io.danube.connect.clickhouse.http;

import io.danube.connect.config.ConfigException;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;

/**
 * Camel {@link SSLContextParameters} trusting the CA certificate(s) of a PEM file ({@code clickhouse.ca_file}): the
 * JDK reads no PEM key stores, so the certificates are put into an in-memory one.
 */
public final class PemTrust {

    private static final String KEY = "clickhouse.ca_file";

    private PemTrust() {
    }

    public static SSLContextParameters parameters(Path caFile) {
        KeyStore store;
        try (InputStream in = Files.newInputStream(caFile)) {
            store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int index = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509")
                    .generateCertificates(in)) {
                store.setCertificateEntry("ca-" + index++, certificate);
            }
            if (index == 0) {
                throw new ConfigException(KEY, "no certificate in " + caFile);
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigException(KEY, "cannot read the CA certificates of " + caFile + ": " + e.getMessage(), e);
        }
        KeyStoreParameters keyStore = new KeyStoreParameters();
        keyStore.setKeyStore(store);
        TrustManagersParameters trust = new TrustManagersParameters();
        trust.setKeyStore(keyStore);
        SSLContextParameters parameters = new SSLContextParameters();
        parameters.setTrustManagers(trust);
        return parameters;
    }
}
