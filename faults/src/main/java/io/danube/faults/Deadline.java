package io.danube.faults;

import java.time.Duration;
import java.util.function.Supplier;

/** A bound on a wait: every loop of the suite polls a condition against one of these. */
record Deadline(long endNanos) {

    static Deadline in(Duration timeout) {
        return new Deadline(System.nanoTime() + timeout.toNanos());
    }

    boolean passed() {
        return System.nanoTime() > endNanos;
    }

    /** Throws {@link IllegalStateException} with the message when the deadline has passed. */
    void check(Supplier<String> message) {
        if (passed()) {
            throw new IllegalStateException("timed out: " + message.get());
        }
    }

    /** The poll interval between two checks of a condition (never a wait for the condition itself). */
    void pause(Duration interval) {
        try {
            Thread.sleep(interval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
