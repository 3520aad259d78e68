package io.danube.client.retry;

import io.danube.client.error.ClientClosedException;
import io.danube.client.error.DanubeRpcException;
import io.danube.client.error.RetriesExhaustedException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

import java.util.function.Supplier;

/** Runs a blocking gRPC call under a {@link RetryPolicy}, turning failures into typed exceptions. */
public final class BlockingRetry {

    private final RetryPolicy policy;

    public BlockingRetry(RetryPolicy policy) {
        this.policy = policy;
    }

    /**
     * Calls {@code call} until it succeeds, fails with a non-retryable status ({@link DanubeRpcException}) or the
     * retries run out ({@link RetriesExhaustedException}).
     */
    public <T> T call(String operation, String topic, String clientName, Supplier<T> call) {
        int failures = 0;
        while (true) {
            try {
                return call.get();
            } catch (StatusRuntimeException e) {
                Status status = e.getStatus();
                if (!RetryPolicy.isRetryable(status)) {
                    throw DanubeRpcException.of(operation, status, topic, clientName);
                }
                failures++;
                if (!policy.allowsRetry(failures)) {
                    throw new RetriesExhaustedException(operation, status, topic, clientName, failures);
                }
                sleep(policy.delayMillis(failures - 1), operation);
            }
        }
    }

    private static void sleep(long millis, String operation) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientClosedException("interrupted while waiting to retry " + operation);
        }
    }
}
