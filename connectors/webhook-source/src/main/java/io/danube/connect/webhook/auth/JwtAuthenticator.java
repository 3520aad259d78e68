package io.danube.connect.webhook.auth;

import io.danube.connect.webhook.http.WebhookRequest;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.NoSuchKeyIdException;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * {@code Authorization: Bearer <JWT>} verified by Vert.x's {@link JWTAuth} with one key: HS256 (shared secret) or
 * RS256 (PEM public key). The library refuses {@code alg: none}, a token of another algorithm than the key's (so an
 * HS256 token keyed with the RSA public key), a bad signature, {@code exp} / {@code nbf} / {@code iat} outside the
 * leeway, and {@code iss} / {@code aud} when configured. Two checks it does not make are added here: {@code exp} is
 * required, and a token with {@code crit} header parameters is refused (RFC 7515 §4.1.11: none is understood here).
 */
public final class JwtAuthenticator implements Authenticator {

    private static final Base64.Decoder BASE64URL = Base64.getUrlDecoder();

    private final String algorithm;
    private final JWTAuth jwt;

    private JwtAuthenticator(String algorithm, JWTAuth jwt) {
        this.algorithm = algorithm;
        this.jwt = jwt;
    }

    /**
     * @param algorithm HS256 or RS256
     * @param key       the HS256 secret, or the RS256 public key as PEM ({@code -----BEGIN PUBLIC KEY-----})
     * @throws RuntimeException when the library cannot make a key of {@code key}
     */
    public static JwtAuthenticator of(Vertx vertx, String algorithm, String key, Duration clockSkew, String issuer,
                                      String audience) {
        JWTOptions checks = new JWTOptions().setLeeway((int) clockSkew.toSeconds()).setIssuer(issuer);
        if (audience != null) {
            checks.setAudience(List.of(audience));
        }
        JWTAuthOptions options = new JWTAuthOptions().setJWTOptions(checks)
                .addPubSecKey(new PubSecKeyOptions().setAlgorithm(algorithm).setBuffer(key));
        return new JwtAuthenticator(algorithm, JWTAuth.create(vertx, options));
    }

    @Override
    public String challenge() {
        return "Bearer";
    }

    @Override
    public CompletionStage<Void> verify(WebhookRequest request) {
        String authorization = request.header("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return AuthenticationException.refused("missing Authorization: Bearer token");
        }
        String token = authorization.substring(7).trim();
        if (hasCriticalHeader(token)) {
            return AuthenticationException.refused("token has critical header parameters this server does not"
                                                   + " support");
        }
        try {
            return jwt.authenticate(new TokenCredentials(token)).toCompletionStage()
                    .handle((user, error) -> {
                        if (error != null) {
                            throw new AuthenticationException(reason(error));
                        }
                        requireExpiry(user);
                        return null;
                    });
        } catch (RuntimeException e) {
            // The library checks claims on the calling thread and lets a claim of the wrong type escape as an
            // exception rather than a failed future.
            return AuthenticationException.refused("malformed token: " + e.getMessage());
        }
    }

    private String reason(Throwable error) {
        if (error instanceof NoSuchKeyIdException) {
            return "token algorithm must be " + algorithm;
        }
        String message = String.valueOf(error.getMessage());
        if (message.contains("Signature verification failed")) {
            return "invalid token signature";
        }
        if (message.contains("token expired")) {
            return "token expired or not valid yet (exp, nbf and iat are checked with the clock skew)";
        }
        return "invalid token: " + message;
    }

    private static void requireExpiry(User user) {
        if (!(user.attributes().getValue("exp") instanceof Number)) {
            throw new AuthenticationException("token has no numeric exp claim");
        }
    }

    private static boolean hasCriticalHeader(String token) {
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return false;
        }
        try {
            String header = new String(BASE64URL.decode(token.substring(0, dot)), StandardCharsets.UTF_8);
            return new JsonObject(header).containsKey("crit");
        } catch (RuntimeException malformed) {
            return false;
        }
    }
}
