package io.danube.connect.launcher;

import org.apache.camel.util.concurrent.CamelThreadFactory;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Holds a signal-started JVM shutdown open until the launcher ends the process itself. camel-main's hang-up hook
 * turns SIGTERM/SIGINT into a graceful stop, but returns as soon as the Camel context begins to stop; the JVM would
 * then end with 128 + the signal number, possibly before the stop finished. This hook waits (at most the shutdown
 * timeout plus a grace period, so a stuck stop still ends the process) until the launcher (or the demo) halts with
 * the run's exit code. The JVM takes shutdown hooks only as {@link Thread}s; this one comes from Camel's
 * thread factory.
 */
public final class ShutdownHold {

    private static final Duration GRACE = Duration.ofSeconds(5);

    private ShutdownHold() {
    }

    /** Installs the hook; the process must end by {@link Runtime#halt}. */
    public static void install(Duration shutdownTimeout) {
        long waitMillis = shutdownTimeout.plus(GRACE).toMillis();
        CountDownLatch never = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new CamelThreadFactory("#name#", "ConnectorShutdownHold", false)
                .newThread(() -> {
                    try {
                        never.await(waitMillis, TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
    }
}
