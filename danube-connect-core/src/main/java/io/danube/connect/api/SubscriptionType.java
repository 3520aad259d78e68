package io.danube.connect.api;

import java.util.Locale;

/** How a subscription spreads messages across its consumers. */
public enum SubscriptionType {
    EXCLUSIVE, SHARED, FAILOVER, KEY_SHARED;

    /** Parses the Rust config spellings ({@code Exclusive}, {@code Shared}, {@code FailOver}, {@code KeyShared}). */
    public static SubscriptionType parse(String text) {
        String normalised = text.trim().replace("_", "").replace("-", "").toLowerCase(Locale.ROOT);
        return switch (normalised) {
            case "exclusive" -> EXCLUSIVE;
            case "shared" -> SHARED;
            case "failover" -> FAILOVER;
            case "keyshared" -> KEY_SHARED;
            default -> throw new IllegalArgumentException("Unknown subscription type '" + text
                                                          + "'; expected Exclusive, Shared, FailOver or KeyShared");
        };
    }

    /**
     * Whether each partition is read by one consumer at a time (Exclusive, Failover), so its records arrive in offset
     * order and the highest offset a sink stored marks everything below it as stored.
     */
    public boolean readsInOffsetOrder() {
        return this == EXCLUSIVE || this == FAILOVER;
    }

    /** The {@code subscriptionType} option value of the {@code danube:} endpoint. */
    public String endpointValue() {
        return switch (this) {
            case EXCLUSIVE -> "Exclusive";
            case SHARED -> "Shared";
            case FAILOVER -> "Failover";
            case KEY_SHARED -> "KeyShared";
        };
    }
}
