package io.danube.connect.demo;

import java.io.PrintStream;
import java.time.Duration;

/**
 * The live counter: one line rewritten in place on a terminal; elsewhere (logs, CI) a line every few seconds.
 */
final class ProgressLine {

    private static final Duration PLAIN_EVERY = Duration.ofSeconds(5);

    private final PrintStream out;
    private final boolean terminal;
    private long lastPlainSecond = -1;
    private int lastLength;

    ProgressLine(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    static String format(Duration elapsed, Counts counts) {
        String posted = counts.posted() == 0 ? "" : String.format(" (+%,d via webhook)", counts.posted());
        return String.format("%4ds  published to MQTT %,d%s  ->  in Danube %,d  ->  rows in the table %,d",
                elapsed.toSeconds(), counts.published(), posted, counts.inDanube(), counts.rows());
    }

    void show(Duration elapsed, Counts counts) {
        String line = format(elapsed, counts);
        if (terminal) {
            out.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
            out.flush();
            lastLength = line.length();
        } else if (elapsed.toSeconds() / PLAIN_EVERY.toSeconds() != lastPlainSecond) {
            lastPlainSecond = elapsed.toSeconds() / PLAIN_EVERY.toSeconds();
            out.println(line);
        }
    }

    /** Ends the rewritten line so that what follows starts on a new one. */
    void finish() {
        if (terminal && lastLength > 0) {
            out.println();
        }
    }
}
