package io.danube.embedded.service;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Supplier;

/**
 * Runs a unary handler body and maps its outcome to the response observer. A status exception is the answer and is not
 * logged; anything else is INTERNAL, logged as one WARN line (its stack trace at DEBUG) so that a client repeating a
 * failing call cannot flood the log with stack traces.
 */
final class Calls {

    private static final Logger LOG = LoggerFactory.getLogger(Calls.class);

    private Calls() {
    }

    static <T> void unary(String method, StreamObserver<T> observer, Supplier<T> body) {
        T response;
        try {
            response = body.get();
        } catch (StatusRuntimeException e) {
            observer.onError(e);
            return;
        } catch (RuntimeException e) {
            LOG.warn("{} failed: {}", method, e.toString());
            LOG.debug("{} failure", method, e);
            observer.onError(Status.INTERNAL.withDescription(method + " failed: " + e).withCause(e).asRuntimeException());
            return;
        }
        observer.onNext(response);
        observer.onCompleted();
    }
}
