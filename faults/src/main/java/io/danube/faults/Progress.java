package io.danube.faults;

import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

/** Progress lines on stderr; stdout carries only the JSON lines. */
final class Progress {

    private Progress() {
    }

    static void log(String format, Object... args) {
        System.err.println(LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + " faults: " + format.formatted(args));
    }
}
