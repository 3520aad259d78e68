package io.danube.connect.webhook.config;

import io.danube.connect.config.ConfigPaths;

/**
 * {@code [server.tls]}: either a key store ({@code keystore_path}, {@code keystore_type} PKCS12 or JKS, password from
 * the environment variable named by {@code keystore_password_env}) or a PEM certificate chain and PKCS#8 private key
 * ({@code cert_path}, {@code key_path}).
 */
public record TlsSettings(String keystorePath, String keystoreType, String keystorePasswordEnv, String certPath,
                          String keyPath) {

    /** A copy whose files are resolved beside the config file (then the working directory); fails on a missing one. */
    TlsSettings resolved(ConfigPaths paths) {
        return new TlsSettings(resolve(paths, "server.tls.keystore_path", keystorePath), keystoreType,
                keystorePasswordEnv, resolve(paths, "server.tls.cert_path", certPath),
                resolve(paths, "server.tls.key_path", keyPath));
    }

    private static String resolve(ConfigPaths paths, String key, String reference) {
        return reference == null ? null : paths.resolve(key, reference).toString();
    }
}
