package io.danube.client.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Completes application-facing futures on the client's callback executor; once that executor has shut down (the
 * client is closing) the future is completed on the calling thread, so no result is ever lost.
 */
public final class Callbacks {

    private Callbacks() {
    }

    public static <T> void complete(Executor executor, CompletableFuture<T> future, T value) {
        run(executor, () -> future.complete(value));
    }

    public static void fail(Executor executor, CompletableFuture<?> future, Throwable error) {
        run(executor, () -> future.completeExceptionally(error));
    }

    private static void run(Executor executor, Runnable completion) {
        try {
            executor.execute(completion);
        } catch (RejectedExecutionException closing) {
            completion.run();
        }
    }
}
