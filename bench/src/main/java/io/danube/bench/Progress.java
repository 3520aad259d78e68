package io.danube.bench;

import java.util.Locale;

/** Progress lines on stderr, so stdout carries only the JSON results. */
public final class Progress {

    private Progress() {
    }

    public static void log(String format, Object... args) {
        System.err.println(String.format(Locale.ROOT, format, args));
    }
}
