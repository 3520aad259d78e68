package io.danube.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongFunction;

/**
 * Issues a fixed number of asynchronous operations keeping at most {@code window} of them in flight,
 * and reports the completion rate.
 */
public final class WindowedLoad {

    private static final long STALL_TIMEOUT_SECONDS = 60;

    private WindowedLoad() {
    }

    /**
     * Runs {@code operations} calls of {@code operation} (argument: the operation's sequence number).
     *
     * @return completed operations per second
     */
    public static double run(long operations, int window, LongFunction<CompletableFuture<?>> operation)
            throws InterruptedException {
        Semaphore permits = new Semaphore(window);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long start = System.nanoTime();
        for (long i = 0; i < operations && failure.get() == null; i++) {
            acquire(permits, 1);
            operation.apply(i).whenComplete((ok, error) -> {
                if (error != null) {
                    failure.compareAndSet(null, error);
                }
                permits.release();
            });
        }
        acquire(permits, window);
        long elapsed = System.nanoTime() - start;
        if (failure.get() != null) {
            throw new IllegalStateException("benchmark operation failed", failure.get());
        }
        return operations / (elapsed / 1e9);
    }

    private static void acquire(Semaphore permits, int count) throws InterruptedException {
        if (!permits.tryAcquire(count, STALL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            throw new IllegalStateException("no operation completed for " + STALL_TIMEOUT_SECONDS + " s");
        }
    }
}
