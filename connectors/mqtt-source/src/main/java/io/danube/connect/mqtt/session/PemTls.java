package io.danube.connect.mqtt.session;

import io.danube.connect.config.ConfigException;
import io.danube.connect.mqtt.config.ConnectionSettings.TlsSettings;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;

/**
 * Builds the TLS socket factory of an {@code ssl://} connection from PEM files: the CA certificate(s) to trust (else
 * the JVM's trust store) and optionally a client certificate with its unencrypted PKCS#8 private key.
 */
final class PemTls {

    private PemTls() {
    }

    static SSLSocketFactory socketFactory(TlsSettings tls) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(tls.clientCertFile() == null ? null : keyManagers(tls).getKeyManagers(),
                    tls.caFile() == null ? null : trustManagers(tls.caFile()).getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new ConfigException("mqtt.ca_file", "cannot set up TLS: " + e.getMessage(), e);
        }
    }

    private static TrustManagerFactory trustManagers(Path caFile) throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create an empty key store", e);
        }
        int index = 0;
        for (Certificate certificate : certificates("mqtt.ca_file", caFile)) {
            store.setCertificateEntry("ca-" + index++, certificate);
        }
        if (index == 0) {
            throw new ConfigException("mqtt.ca_file", "no certificate in " + caFile);
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory;
    }

    private static KeyManagerFactory keyManagers(TlsSettings tls) throws GeneralSecurityException {
        Collection<? extends Certificate> chain = certificates("mqtt.client_cert_file", tls.clientCertFile());
        PrivateKey key = privateKey(tls.clientKeyFile());
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create an empty key store", e);
        }
        char[] password = new char[0];
        store.setKeyEntry("client", key, password, chain.toArray(Certificate[]::new));
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, password);
        return factory;
    }

    private static Collection<? extends Certificate> certificates(String key, Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigException(key, "cannot read PEM certificates from " + file + ": " + e.getMessage(), e);
        }
    }

    private static PrivateKey privateKey(Path file) {
        String pem;
        try {
            pem = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException("mqtt.client_key_file", "cannot read " + file + ": " + e.getMessage(), e);
        }
        if (!pem.contains("-----BEGIN PRIVATE KEY-----")) {
            throw new ConfigException("mqtt.client_key_file", file + " must hold an unencrypted PKCS#8 key"
                    + " (-----BEGIN PRIVATE KEY-----; convert with openssl pkcs8 -topk8 -nocrypt)");
        }
        String base64 = pem.substring(pem.indexOf("-----BEGIN PRIVATE KEY-----") + 27,
                pem.indexOf("-----END PRIVATE KEY-----")).replaceAll("\\s", "");
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64));
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException wrongAlgorithm) {
                // try the next key type
            }
        }
        throw new ConfigException("mqtt.client_key_file", file + " holds no RSA, EC or Ed25519 private key");
    }
}
