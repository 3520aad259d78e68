package io.danube.connect.tls;

import io.danube.connect.config.ConfigException;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
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
 * The project's one PEM loader: builds a TLS context from PEM files, for clients (a CA to trust, optionally a client
 * certificate) and servers (a certificate chain with its key). Keys must be unencrypted PKCS#8
 * ({@code -----BEGIN PRIVATE KEY-----}) holding an RSA, EC or Ed25519 key. Every error is a {@link ConfigException}
 * naming the configuration key of the file at fault.
 */
public final class PemTls {

    private static final String KEY_BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String KEY_END = "-----END PRIVATE KEY-----";

    private PemTls() {
    }

    /**
     * A TLS context trusting the certificates in {@code ca} (the JVM's trust store when null) and presenting
     * {@code certificate} with {@code key} when both are given (mutual TLS for a client, the identity of a server).
     */
    public static SSLContext context(PemFile ca, PemFile certificate, PemFile key) {
        if ((certificate == null) != (key == null)) {
            PemFile given = certificate != null ? certificate : key;
            throw new ConfigException(given.configKey(), "a certificate and its private key must be given together");
        }
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(certificate == null ? null : keyManagers(certificate, key).getKeyManagers(),
                    ca == null ? null : trustManagers(ca).getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            String configKey = ca != null ? ca.configKey() : certificate.configKey();
            throw new ConfigException(configKey, "cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /** A key store holding {@code certificate} (with its chain) and {@code key} under the alias {@code alias}. */
    public static KeyStore keyStore(PemFile certificate, PemFile key, String alias, char[] password) {
        Collection<? extends Certificate> chain = certificates(certificate);
        if (chain.isEmpty()) {
            throw new ConfigException(certificate.configKey(), "no certificate in " + certificate.path());
        }
        try {
            KeyStore store = emptyStore("PKCS12");
            store.setKeyEntry(alias, privateKey(key), password, chain.toArray(Certificate[]::new));
            return store;
        } catch (GeneralSecurityException e) {
            throw new ConfigException(key.configKey(), "cannot use the key in " + key.path() + ": " + e.getMessage(),
                    e);
        }
    }

    private static TrustManagerFactory trustManagers(PemFile ca) throws GeneralSecurityException {
        KeyStore store = emptyStore(KeyStore.getDefaultType());
        int index = 0;
        for (Certificate certificate : certificates(ca)) {
            store.setCertificateEntry("ca-" + index++, certificate);
        }
        if (index == 0) {
            throw new ConfigException(ca.configKey(), "no certificate in " + ca.path());
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory;
    }

    private static KeyManagerFactory keyManagers(PemFile certificate, PemFile key) throws GeneralSecurityException {
        char[] password = new char[0];
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keyStore(certificate, key, "identity", password), password);
        return factory;
    }

    private static KeyStore emptyStore(String type) throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(type);
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create an empty " + type + " key store", e);
        }
        return store;
    }

    private static Collection<? extends Certificate> certificates(PemFile file) {
        try (InputStream in = Files.newInputStream(file.path())) {
            return CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigException(file.configKey(), "cannot read PEM certificates from " + file.path() + ": "
                                                        + e.getMessage(), e);
        }
    }

    private static PrivateKey privateKey(PemFile file) {
        String pem;
        try {
            pem = Files.readString(file.path());
        } catch (IOException e) {
            throw new ConfigException(file.configKey(), "cannot read " + file.path() + ": " + e.getMessage(), e);
        }
        int begin = pem.indexOf(KEY_BEGIN);
        int end = pem.indexOf(KEY_END);
        if (begin < 0 || end < begin) {
            throw new ConfigException(file.configKey(), file.path() + " must hold an unencrypted PKCS#8 key ("
                    + KEY_BEGIN + "; convert with openssl pkcs8 -topk8 -nocrypt)");
        }
        byte[] der;
        try {
            der = Base64.getDecoder().decode(pem.substring(begin + KEY_BEGIN.length(), end).replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(file.configKey(), file.path() + " holds a key that is not valid base64", e);
        }
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException notThisAlgorithm) {
                // the key is of another type: the next algorithm is tried
            }
        }
        throw new ConfigException(file.configKey(), file.path() + " holds no RSA, EC or Ed25519 private key");
    }
}
