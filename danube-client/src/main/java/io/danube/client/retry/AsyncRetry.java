package io.danube.client.retry;

import io.danube.client.error.DanubeRpcException;
import io.danube.client.error.RetriesExhaustedException;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;

import io.danube.client.internal.Callbacks;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Runs an asynchronous unary gRPC call under a {@link RetryPolicy}, without blocking any thread while waiting. */
public final class AsyncRetry {

    private final RetryPolicy policy;
    private final ScheduledExecutorService scheduler;
    private final Executor callbacks;

    /** @param callbacks completes the returned futures */
    public AsyncRetry(RetryPolicy policy, ScheduledExecutorService scheduler, Executor callbacks) {
        this.policy = policy;
        this.scheduler = scheduler;
        this.callbacks = callbacks;
    }

    /**
     * @param invoke starts one attempt, delivering the response to the given observer
     * @return the response, or a {@link DanubeRpcException} / {@link RetriesExhaustedException}
     */
    public <T> CompletableFuture<T> call(String operation, String topic, String clientName,
                                         Consumer<StreamObserver<T>> invoke) {
        CompletableFuture<T> result = new CompletableFuture<>();
        attempt(operation, topic, clientName, invoke, result, 0);
        return result;
    }

    private <T> void attempt(String operation, String topic, String clientName, Consumer<StreamObserver<T>> invoke,
                             CompletableFuture<T> result, int failures) {
        invoke.accept(new StreamObserver<>() {
            private T response;

            @Override
            public void onNext(T value) {
                response = value;
            }

            @Override
            public void onError(Throwable error) {
                Status status = Status.fromThrowable(error);
                if (!RetryPolicy.isRetryable(status)) {
                    Callbacks.fail(callbacks, result, DanubeRpcException.of(operation, status, topic, clientName));
                    return;
                }
                int failed = failures + 1;
                if (!policy.allowsRetry(failed)) {
                    Callbacks.fail(callbacks, result,
                            new RetriesExhaustedException(operation, status, topic, clientName, failed));
                    return;
                }
                try {
                    scheduler.schedule(() -> attempt(operation, topic, clientName, invoke, result, failed),
                            policy.delayMillis(failed - 1), TimeUnit.MILLISECONDS);
                } catch (RejectedExecutionException shutDown) {
                    Callbacks.fail(callbacks, result, new DanubeRpcException(operation, status, topic, clientName));
                }
            }

            @Override
            public void onCompleted() {
                Callbacks.complete(callbacks, result, response);
            }
        });
    }
}
