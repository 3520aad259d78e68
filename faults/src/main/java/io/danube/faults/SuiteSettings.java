package io.danube.faults;

import java.time.Duration;

/**
 * How a run of the suite is sized.
 *
 * @param messages          numbered QoS 1 messages published per fault
 * @param rate              messages per second
 * @param shortOutage       the outage of the {@code *_2s} faults
 * @param longOutage        the outage of the long faults (connector or broker down, PostgreSQL down)
 * @param mosquittoRestarts Mosquitto restarts in a row for {@code mosquitto_restarts}
 * @param drainTimeout      how long after the last publish every message must have landed
 * @param stallBound        without progress for this long (and not drained), the suite restarts the stalled
 *                          connector as an operator would, and counts it as a manual restart
 */
record SuiteSettings(int messages, int rate, Duration shortOutage, Duration longOutage, int mosquittoRestarts,
                     Duration drainTimeout, Duration stallBound) {

    static SuiteSettings full() {
        return new SuiteSettings(20_000, 1_000, Duration.ofSeconds(2), Duration.ofSeconds(60), 10,
                Duration.ofSeconds(240), Duration.ofSeconds(90));
    }

    /** The CI variant: a few thousand messages, 5 s outages. */
    static SuiteSettings brief() {
        return new SuiteSettings(3_000, 1_000, Duration.ofSeconds(2), Duration.ofSeconds(5), 3,
                Duration.ofSeconds(90), Duration.ofSeconds(45));
    }
}
