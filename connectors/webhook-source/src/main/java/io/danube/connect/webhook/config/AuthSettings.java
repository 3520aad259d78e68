package io.danube.connect.webhook.config;

/**
 * {@code [auth]}. {@code type}: none, apikey, hmac or jwt. The secret (API key, HMAC key, HS256 key) is read from the
 * environment variable named by {@code secret_env}, never from the file.
 *
 * @param header                 apikey: the key's header (X-API-Key); hmac: the signature header (X-Signature-256)
 * @param algorithm              hmac: sha256 or sha512; jwt: HS256 or RS256
 * @param timestampHeader        hmac: a header with the send time in Unix seconds, signed as {@code <ts>.<body>}
 * @param timestampToleranceSecs hmac: how old (or early) a timestamp may be
 * @param publicKeyPath          jwt RS256: the PEM public key
 * @param clockSkewSecs          jwt: leeway for {@code exp}, {@code nbf} and {@code iat}
 * @param signatureFormat        hmac: {@code hex} ({@code sha256=<hex>} or bare hex, the default) or {@code stripe}
 *                               ({@code t=<ts>,v1=<hex>}, header {@code Stripe-Signature} by default)
 */
public record AuthSettings(String type, String header, String secretEnv, String algorithm, String timestampHeader,
                           Long timestampToleranceSecs, String publicKeyPath, Long clockSkewSecs, String issuer,
                           String audience, String signatureFormat) {

    /** A copy with the public key at {@code path}. */
    AuthSettings withPublicKeyPath(String path) {
        return new AuthSettings(type, header, secretEnv, algorithm, timestampHeader, timestampToleranceSecs, path,
                clockSkewSecs, issuer, audience, signatureFormat);
    }

    public static AuthSettings none() {
        return new AuthSettings("none", null, null, null, null, null, null, null, null, null, null);
    }
}
