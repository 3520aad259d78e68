package io.danube.connect.webhook.auth;

import io.danube.connect.config.ConfigException;
import io.danube.connect.webhook.config.AuthSettings;
import io.vertx.core.Vertx;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;

/** Builds the {@link Authenticator} of an {@code [auth]} section, failing on a missing key or secret. */
public final class Authenticators {

    private Authenticators() {
    }

    /**
     * @param env   looks up environment variables (the secret named by {@code secret_env})
     * @param clock the HMAC timestamps' clock (JWT claims are checked against the system clock by the library)
     * @param vertx the Vert.x instance the JWT library works with
     */
    public static Authenticator from(AuthSettings auth, Function<String, String> env, Clock clock, Vertx vertx) {
        String type = auth.type() == null ? "" : auth.type().toLowerCase(Locale.ROOT);
        return switch (type) {
            case "none" -> new NoAuthentication();
            case "apikey" -> new ApiKeyAuthenticator(orDefault(auth.header(), "X-API-Key"), secret(auth, env));
            case "hmac" -> hmac(auth, env, clock);
            case "jwt" -> jwt(auth, env, vertx);
            default -> throw new ConfigException("auth.type", "must be none, apikey, hmac or jwt, got " + auth.type());
        };
    }

    private static Authenticator hmac(AuthSettings auth, Function<String, String> env, Clock clock) {
        SignatureFormat format = SignatureFormat.named(orDefault(auth.signatureFormat(), "hex"));
        if (format == null) {
            throw new ConfigException("auth.signature_format", "must be hex or stripe, got "
                                                                + auth.signatureFormat());
        }
        String algorithm = orDefault(auth.algorithm(), "sha256").toLowerCase(Locale.ROOT);
        if (!algorithm.equals("sha256") && !(algorithm.equals("sha512") && format == SignatureFormat.HEX)) {
            throw new ConfigException("auth.algorithm", "HMAC algorithm must be sha256"
                                                         + (format == SignatureFormat.HEX ? " or sha512" : " in the"
                                                            + " Stripe format") + ", got " + auth.algorithm());
        }
        if (format == SignatureFormat.STRIPE && auth.timestampHeader() != null) {
            throw new ConfigException("auth.timestamp_header", "the Stripe format carries its timestamp in the"
                                                                + " signature header; remove timestamp_header");
        }
        long tolerance = auth.timestampToleranceSecs() == null ? 300 : auth.timestampToleranceSecs();
        if (tolerance <= 0) {
            throw new ConfigException("auth.timestamp_tolerance_secs", "must be > 0, got " + tolerance);
        }
        String header = orDefault(auth.header(), format == SignatureFormat.STRIPE ? "Stripe-Signature"
                : "X-Signature-256");
        return new HmacAuthenticator(header, algorithm, secret(auth, env).getBytes(StandardCharsets.UTF_8), format,
                auth.timestampHeader(), Duration.ofSeconds(tolerance), clock);
    }

    private static Authenticator jwt(AuthSettings auth, Function<String, String> env, Vertx vertx) {
        String algorithm = auth.algorithm() != null ? auth.algorithm().toUpperCase(Locale.ROOT)
                : auth.publicKeyPath() != null ? "RS256" : "HS256";
        Duration skew = Duration.ofSeconds(auth.clockSkewSecs() == null ? 30 : auth.clockSkewSecs());
        if (skew.isNegative()) {
            throw new ConfigException("auth.clock_skew_secs", "must be >= 0, got " + auth.clockSkewSecs());
        }
        return switch (algorithm) {
            case "HS256" -> JwtAuthenticator.of(vertx, algorithm, secret(auth, env), skew, auth.issuer(),
                    auth.audience());
            case "RS256" -> {
                String path = ConfigException.requireText("auth.public_key_path", auth.publicKeyPath());
                try {
                    yield JwtAuthenticator.of(vertx, algorithm, Files.readString(Path.of(path)), skew, auth.issuer(),
                            auth.audience());
                } catch (IOException | RuntimeException e) {
                    throw new ConfigException("auth.public_key_path", "cannot read an RSA public key (PEM) from "
                                                                      + path + ": " + e.getMessage(), e);
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
