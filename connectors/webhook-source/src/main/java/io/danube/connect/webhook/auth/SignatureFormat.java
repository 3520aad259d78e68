package io.danube.connect.webhook.auth;

import java.util.Locale;

/** How an HMAC signature travels in its header ({@code [auth] signature_format}). */
public enum SignatureFormat {

    /** {@code sha256=<hex>} (GitHub style) or bare hex; the timestamp, if any, in its own header. */
    HEX,

    /**
     * Stripe's {@code t=<unix seconds>,v1=<hex>[,v1=<hex>…]}: HMAC-SHA256 of {@code <t>.<body>}, any {@code v1} entry
     * may match (several during a secret rotation), other schemes ({@code v0}) are ignored.
     */
    STRIPE;

    /** @return null when {@code name} is neither {@code hex} nor {@code stripe} */
    public static SignatureFormat named(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "hex" -> HEX;
            case "stripe" -> STRIPE;
            default -> null;
        };
    }
}
