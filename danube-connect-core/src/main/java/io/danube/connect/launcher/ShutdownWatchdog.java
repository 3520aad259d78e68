package io.danube.connect.launcher;

import org.slf4j.Logger;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/** Ends the process with {@link ConnectLauncher#EXIT_SHUTDOWN_TIMEOUT} if a graceful stop takes too long. */
final class ShutdownWatchdog {

    private static final Duration GRACE = Duration.ofSeconds(5);

    private final Duration timeout;
    private final Logger log;
    private final AtomicBoolean armed = new AtomicBoolean();

    ShutdownWatchdog(Duration timeout, Logger log) {
        this.timeout = timeout;
        this.log = log;
    }

    /** Starts the countdown once; later calls do nothing. */
    void arm() {
        if (!armed.compareAndSet(false, true)) {
            return;
        }
        Thread thread = new Thread(() -> {
            try {
                Thread.sleep(timeout.plus(GRACE).toMillis());
            } catch (InterruptedException e) {
                return;
            }
            log.error("Graceful stop did not finish within {} ms; exiting", timeout.plus(GRACE).toMillis());
            Runtime.getRuntime().halt(ConnectLauncher.EXIT_SHUTDOWN_TIMEOUT);
        }, "shutdown-watchdog");
        thread.setDaemon(true);
        thread.start();
    }
}
