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
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionStage;

/**
 * The request must carry an HMAC of its raw body in a header, in one of two {@link SignatureFormat formats}. With a
 * timestamp (always in the Stripe format, with {@code timestamp_header} in the hex format) the signed content is
 * {@code <timestamp>.<body>}, the timestamp (Unix seconds) must be within the tolerance of now, and a signature whose
 * message Danube already accepted is refused as a replay.
 */
public final class HmacAuthenticator implements Authenticator {

    private final String header;
    private final String algorithm;
    private final String macName;
    private final byte[] secret;
    private final SignatureFormat format;
    private final String timestampHeader;
    private final Duration tolerance;
    private final Clock clock;
    private final ReplayGuard replays;

    /**
     * @param algorithm       sha256 or sha512 (the Stripe format is sha256 only)
     * @param timestampHeader the hex format's timestamp header, or null; must be null in the Stripe format
     */
    public HmacAuthenticator(String header, String algorithm, byte[] secret, SignatureFormat format,
                             String timestampHeader, Duration tolerance, Clock clock) {
        this.header = header;
        this.algorithm = algorithm.toLowerCase(Locale.ROOT);
        this.macName = switch (this.algorithm) {
            case "sha256" -> "HmacSHA256";
            case "sha512" -> "HmacSHA512";
            default -> throw new IllegalArgumentException("HMAC algorithm must be sha256 or sha512, got " + algorithm);
        };
        if (format == SignatureFormat.STRIPE && (timestampHeader != null || !this.algorithm.equals("sha256"))) {
            throw new IllegalArgumentException("the Stripe signature format is HMAC-SHA256 with the timestamp inside"
                                               + " the signature header");
        }
        this.secret = secret.clone();
        this.format = format;
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
    public CompletionStage<Void> verify(WebhookRequest request) {
        try {
            PresentedSignature presented = presented(request);
            if (presented.timestamp() != null) {
                checkTolerance(presented.timestamp());
            }
            byte[] expected = sign(presented.timestamp(), request.body());
            boolean matches = false;
            for (byte[] candidate : presented.signatures()) {
                matches |= MessageDigest.isEqual(expected, candidate);
            }
            if (!matches) {
                return AuthenticationException.refused("invalid signature");
            }
            if (presented.timestamp() != null && replays.seen(HexFormat.of().formatHex(expected))) {
                return AuthenticationException.refused("replayed request: this signature was already accepted");
            }
            return AUTHENTIC;
        } catch (AuthenticationException e) {
            return AuthenticationException.refused(e.getMessage());
        }
    }

    @Override
    public void accepted(WebhookRequest request) {
        PresentedSignature presented = presented(request);
        if (presented.timestamp() != null) {
            replays.remember(HexFormat.of().formatHex(sign(presented.timestamp(), request.body())),
                    tolerance.multipliedBy(2));
        }
    }

    private PresentedSignature presented(WebhookRequest request) {
        String value = request.header(header);
        if (value == null || value.isBlank()) {
            throw new AuthenticationException("missing " + header + " header");
        }
        return switch (format) {
            case HEX -> new PresentedSignature(timestampHeader == null ? null : timestamp(request),
                    List.of(hexSignature(value.trim())));
            case STRIPE -> StripeSignatureHeader.parse(header, value);
        };
    }

    private byte[] hexSignature(String value) {
        String hex = value;
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

    private String timestamp(WebhookRequest request) {
        String value = request.header(timestampHeader);
        if (value == null) {
            throw new AuthenticationException("missing " + timestampHeader + " header");
        }
        return value.trim();
    }

    private void checkTolerance(String timestamp) {
        long seconds;
        try {
            seconds = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            throw new AuthenticationException("malformed timestamp " + timestamp + ": expected Unix seconds");
        }
        long age = clock.instant().getEpochSecond() - seconds;
        if (Math.abs(age) > tolerance.toSeconds()) {
            throw new AuthenticationException("timestamp outside the tolerance of " + tolerance.toSeconds()
                                              + " s (replayed or clock skew)");
        }
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
