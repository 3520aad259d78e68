package io.danube.connect.webhook.auth;

import io.danube.connect.config.ConfigException;
import io.danube.connect.webhook.config.AuthSettings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;

/** Builds the {@link Authenticator} of an {@code [auth]} section, failing on a missing key or secret. */
public final class Authenticators {

    private Authenticators() {
    }

    /** @param env looks up environment variables (the secret named by {@code secret_env}) */
    public static Authenticator from(AuthSettings auth, Function<String, String> env, Clock clock) {
        String type = auth.type() == null ? "" : auth.type().toLowerCase(Locale.ROOT);
        return switch (type) {
            case "none" -> new NoAuthentication();
            case "apikey" -> new ApiKeyAuthenticator(orDefault(auth.header(), "X-API-Key"), secret(auth, env));
            case "hmac" -> hmac(auth, env, clock);
            case "jwt" -> jwt(auth, env, clock);
            default -> throw new ConfigException("auth.type", "must be none, apikey, hmac or jwt, got " + auth.type());
        };
    }

    private static Authenticator hmac(AuthSettings auth, Function<String, String> env, Clock clock) {
        String algorithm = orDefault(auth.algorithm(), "sha256").toLowerCase(Locale.ROOT);
        if (!algorithm.equals("sha256") && !algorithm.equals("sha512")) {
            throw new ConfigException("auth.algorithm", "HMAC algorithm must be sha256 or sha512, got "
                                                         + auth.algorithm());
        }
        long tolerance = auth.timestampToleranceSecs() == null ? 300 : auth.timestampToleranceSecs();
        if (tolerance <= 0) {
            throw new ConfigException("auth.timestamp_tolerance_secs", "must be > 0, got " + tolerance);
        }
        return new HmacAuthenticator(orDefault(auth.header(), "X-Signature-256"), algorithm,
                secret(auth, env).getBytes(StandardCharsets.UTF_8), auth.timestampHeader(),
                Duration.ofSeconds(tolerance), clock);
    }

    private static Authenticator jwt(AuthSettings auth, Function<String, String> env, Clock clock) {
        String algorithm = auth.algorithm() != null ? auth.algorithm().toUpperCase(Locale.ROOT)
                : auth.publicKeyPath() != null ? "RS256" : "HS256";
        Duration skew = Duration.ofSeconds(auth.clockSkewSecs() == null ? 30 : auth.clockSkewSecs());
        if (skew.isNegative()) {
            throw new ConfigException("auth.clock_skew_secs", "must be >= 0, got " + auth.clockSkewSecs());
        }
        return switch (algorithm) {
            case "HS256" -> JwtAuthenticator.hs256(secret(auth, env).getBytes(StandardCharsets.UTF_8), skew,
                    auth.issuer(), auth.audience(), clock);
            case "RS256" -> {
                String path = ConfigException.requireText("auth.public_key_path", auth.publicKeyPath());
                try {
                    yield JwtAuthenticator.rs256(PemFiles.rsaPublicKey(Path.of(path)), skew, auth.issuer(),
                            auth.audience(), clock);
                } catch (IOException | GeneralSecurityException e) {
                    throw new ConfigException("auth.public_key_path", "cannot read an RSA public key from " + path
                                                                      + ": " + e.getMessage(), e);
                }
            }
            default -> throw new ConfigException("auth.algorithm", "JWT algorithm must be HS256 or RS256, got "
                                                                    + auth.algorithm());
        };
    }

    private static String secret(AuthSettings auth, Function<String, String> env) {
        String variable = ConfigException.requireText("auth.secret_env", auth.secretEnv());
        String value = env.apply(variable);
        if (value == null || value.isEmpty()) {
            throw new ConfigException("auth.secret_env", "environment variable " + variable + " is not set");
        }
        return value;
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
