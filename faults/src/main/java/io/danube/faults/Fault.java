package io.danube.faults;

import java.time.Duration;
import java.util.Locale;

/** The faults the suite injects; the outage is the full suite's (60 s) or the short variant's. */
enum Fault {
    SINK_KILL_2S,
    SINK_KILL_LONG,
    SOURCE_KILL_2S,
    SOURCE_KILL_LONG,
    BROKER_KILL_2S,
    BROKER_KILL_LONG,
    POSTGRES_DOWN,
    MOSQUITTO_RESTARTS,
    POISON_MIX;

    /** The name in the JSON line, with the outage it had (e.g. {@code sink_kill_60s}). */
    String label(Duration longOutage) {
        String name = name().toLowerCase(Locale.ROOT);
        String seconds = longOutage.toSeconds() + "s";
        return name.endsWith("_long") ? name.replace("_long", "_" + seconds)
                : this == POSTGRES_DOWN ? name + "_" + seconds : name;
    }

    static Fault parse(String text) {
        try {
            return valueOf(text.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown fault '" + text + "'; known: "
                    + java.util.Arrays.toString(values()).toLowerCase(Locale.ROOT));
        }
    }
}
