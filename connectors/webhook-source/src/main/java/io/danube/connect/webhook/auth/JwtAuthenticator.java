package io.danube.connect.webhook.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.danube.connect.webhook.http.WebhookRequest;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;

/**
 * {@code Authorization: Bearer <JWT>} signed with HS256 (shared secret) or RS256 (RSA public key). The token's
 * {@code alg} must be exactly the configured algorithm, so {@code none} and HS256-signed-with-the-public-key tokens are
 * refused; {@code exp} is required, {@code nbf} honoured, both with a small clock skew; {@code iss} and {@code aud}
 * are checked when configured.
 */
public final class JwtAuthenticator implements Authenticator {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Decoder BASE64URL = Base64.getUrlDecoder();

    private final String algorithm;
    private final byte[] hmacSecret;
    private final PublicKey rsaKey;
    private final Duration clockSkew;
    private final String issuer;
    private final String audience;
    private final Clock clock;

    private JwtAuthenticator(String algorithm, byte[] hmacSecret, PublicKey rsaKey, Duration clockSkew, String issuer,
                             String audience, Clock clock) {
        this.algorithm = algorithm;
        this.hmacSecret = hmacSecret;
        this.rsaKey = rsaKey;
        this.clockSkew = clockSkew;
        this.issuer = issuer;
        this.audience = audience;
        this.clock = clock;
    }

    public static JwtAuthenticator hs256(byte[] secret, Duration clockSkew, String issuer, String audience,
                                         Clock clock) {
        return new JwtAuthenticator("HS256", secret.clone(), null, clockSkew, issuer, audience, clock);
    }

    public static JwtAuthenticator rs256(PublicKey key, Duration clockSkew, String issuer, String audience,
                                         Clock clock) {
        if (!"RSA".equals(key.getAlgorithm())) {
            throw new IllegalArgumentException("RS256 needs an RSA public key, got " + key.getAlgorithm());
        }
        return new JwtAuthenticator("RS256", null, key, clockSkew, issuer, audience, clock);
    }

    @Override
    public String challenge() {
        return "Bearer";
    }

    @Override
    public void verify(WebhookRequest request) {
        String authorization = request.header("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new AuthenticationException("missing Authorization: Bearer token");
        }
        String[] parts = authorization.substring(7).trim().split("\\.", -1);
        if (parts.length != 3 || parts[2].isEmpty()) {
            throw new AuthenticationException("malformed token: expected header.payload.signature");
        }
        JsonNode header = decodeObject(parts[0], "header");
        JsonNode alg = header.get("alg");
        if (alg == null || !alg.isTextual() || !alg.asText().equals(algorithm)) {
            throw new AuthenticationException("token algorithm must be " + algorithm);
        }
        if (header.has("crit")) {
            throw new AuthenticationException("token has critical header parameters this server does not support");
        }
        byte[] signed = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
        if (!signatureValid(signed, decode(parts[2], "signature"))) {
            throw new AuthenticationException("invalid token signature");
        }
        checkClaims(decodeObject(parts[1], "payload"));
    }

    private boolean signatureValid(byte[] signed, byte[] signature) {
        try {
            if (hmacSecret != null) {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(hmacSecret, "HmacSHA256"));
                return MessageDigest.isEqual(mac.doFinal(signed), signature);
            }
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(rsaKey);
            verifier.update(signed);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private void checkClaims(JsonNode claims) {
        long now = clock.instant().getEpochSecond();
        long skew = clockSkew.toSeconds();
        JsonNode exp = claims.get("exp");
        if (exp == null || !exp.isNumber()) {
            throw new AuthenticationException("token has no numeric exp claim");
        }
        if (now > exp.asLong() + skew) {
            throw new AuthenticationException("token expired");
        }
        JsonNode nbf = claims.get("nbf");
        if (nbf != null) {
            if (!nbf.isNumber()) {
                throw new AuthenticationException("token nbf claim is not numeric");
            }
            if (now + skew < nbf.asLong()) {
                throw new AuthenticationException("token not valid yet (nbf)");
            }
        }
        if (issuer != null && !issuer.equals(claims.path("iss").asText(null))) {
            throw new AuthenticationException("token issuer is not " + issuer);
        }
        if (audience != null && !hasAudience(claims.get("aud"))) {
            throw new AuthenticationException("token audience does not include " + audience);
        }
    }

    private boolean hasAudience(JsonNode aud) {
        if (aud == null) {
            return false;
        }
        if (aud.isTextual()) {
            return aud.asText().equals(audience);
        }
        if (aud.isArray()) {
            for (JsonNode entry : aud) {
                if (entry.isTextual() && entry.asText().equals(audience)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static JsonNode decodeObject(String part, String what) {
        try {
            JsonNode node = JSON.readTree(decode(part, what));
            if (node == null || !node.isObject()) {
                throw new AuthenticationException("malformed token " + what + ": not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new AuthenticationException("malformed token " + what + ": not JSON");
        }
    }

    private static byte[] decode(String part, String what) {
        try {
            return BASE64URL.decode(part);
        } catch (IllegalArgumentException e) {
            throw new AuthenticationException("malformed token " + what + ": not base64url");
        }
    }
}
