package io.danube.connect.webhook.auth;

import io.danube.connect.webhook.http.WebhookRequest;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The request must carry an HMAC of its raw body in a header, as {@code sha256=<hex>} (GitHub style) or bare hex. With a
 * timestamp header the signed content is {@code <timestamp>.<body>} (Stripe style), the timestamp (Unix seconds) must be
 * within the tolerance of now, and a signature whose message Danube already accepted is refused as a replay.
 */
public final class HmacAuthenticator implements Authenticator {

    private final String header;
    private final String algorithm;
    private final String macName;
    private final byte[] secret;
    private final String timestampHeader;
    private final Duration tolerance;
    private final Clock clock;
    private final ReplayGuard replays;

    /** @param algorithm sha256 or sha512 */
    public HmacAuthenticator(String header, String algorithm, byte[] secret, String timestampHeader,
                             Duration tolerance, Clock clock) {
        this.header = header;
        this.algorithm = algorithm.toLowerCase(Locale.ROOT);
        this.macName = switch (this.algorithm) {
            case "sha256" -> "HmacSHA256";
            case "sha512" -> "HmacSHA512";
            default -> throw new IllegalArgumentException("HMAC algorithm must be sha256 or sha512, got " + algorithm);
        };
        this.secret = secret.clone();
        this.timestampHeader = timestampHeader;
        this.tolerance = tolerance;
        this.clock = clock;
        this.replays = new ReplayGuard(clock);
    }

    @Override
    public String challenge() {
        return "HMAC algorithm=\"" + algorithm + "\", header=\"" + header + "\"";
    }

    @Override
    public void verify(WebhookRequest request) {
        byte[] presented = presentedSignature(request);
        String timestamp = null;
        if (timestampHeader != null) {
            timestamp = checkedTimestamp(request);
        }
        byte[] expected = sign(timestamp, request.body());
        if (!MessageDigest.isEqual(expected, presented)) {
            throw new AuthenticationException("invalid signature");
        }
        if (timestampHeader != null && replays.seen(HexFormat.of().formatHex(presented))) {
            throw new AuthenticationException("replayed request: this signature was already accepted");
        }
    }

    @Override
    public void accepted(WebhookRequest request) {
        if (timestampHeader != null) {
            replays.remember(HexFormat.of().formatHex(presentedSignature(request)), tolerance.multipliedBy(2));
        }
    }

    private byte[] presentedSignature(WebhookRequest request) {
        String value = request.header(header);
        if (value == null || value.isBlank()) {
            throw new AuthenticationException("missing " + header + " header");
        }
        String hex = value.trim();
        String prefix = algorithm + "=";
        if (hex.regionMatches(true, 0, prefix, 0, prefix.length())) {
            hex = hex.substring(prefix.length());
        }
        try {
            return HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            throw new AuthenticationException("malformed " + header + " header: expected " + algorithm + "=<hex>");
        }
    }

    private String checkedTimestamp(WebhookRequest request) {
        String value = request.header(timestampHeader);
        if (value == null) {
            throw new AuthenticationException("missing " + timestampHeader + " header");
        }
        long seconds;
        try {
            seconds = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new AuthenticationException("malformed " + timestampHeader + " header: expected Unix seconds");
        }
        long age = clock.instant().getEpochSecond() - seconds;
        if (Math.abs(age) > tolerance.toSeconds()) {
            throw new AuthenticationException("timestamp outside the tolerance of " + tolerance.toSeconds()
                                              + " s (replayed or clock skew)");
        }
        return value.trim();
    }

    private byte[] sign(String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance(macName);
            mac.init(new SecretKeySpec(secret, macName));
            if (timestamp != null) {
                mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            }
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(macName + " is unavailable", e);
        }
    }
}
