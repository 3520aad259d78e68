package io.danube.connect.webhook.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signatures already accepted, each forgotten once its timestamp could no longer pass the tolerance check anyway.
 * Holds at most {@link #CAPACITY} entries; beyond that (after purging expired ones) new signatures are not remembered
 * and only the timestamp tolerance protects against their replay.
 */
final class ReplayGuard {

    static final int CAPACITY = 100_000;

    private final Clock clock;
    private final Map<String, Long> expiryBySignature = new ConcurrentHashMap<>();

    ReplayGuard(Clock clock) {
        this.clock = clock;
    }

    boolean seen(String signature) {
        Long expiry = expiryBySignature.get(signature);
        return expiry != null && expiry > clock.millis();
    }

    void remember(String signature, Duration lifetime) {
        long now = clock.millis();
        if (expiryBySignature.size() >= CAPACITY) {
            expiryBySignature.values().removeIf(expiry -> expiry <= now);
            if (expiryBySignature.size() >= CAPACITY) {
                return;
            }
        }
        expiryBySignature.put(signature, now + lifetime.toMillis());
    }
}
