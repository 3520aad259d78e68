package io.danube.connect.webhook.config;

/**
 * {@code [server.tls]}: either a key store ({@code keystore_path}, {@code keystore_type} PKCS12 or JKS, password from
 * the environment variable named by {@code keystore_password_env}) or a PEM certificate chain and PKCS#8 private key
 * ({@code cert_path}, {@code key_path}).
 */
public record TlsSettings(String keystorePath, String keystoreType, String keystorePasswordEnv, String certPath,
                          String keyPath) {
}
