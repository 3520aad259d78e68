package io.danube.embedded.support;

import io.danube.proto.ConsumerServiceGrpc;
import io.danube.proto.ReceiveRequest;
import io.danube.proto.StreamMessage;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** An open ReceiveMessages stream collecting what the broker pushes. */
public final class Receiver implements ClientResponseObserver<ReceiveRequest, StreamMessage> {

    private final LinkedBlockingQueue<StreamMessage> messages = new LinkedBlockingQueue<>();
    private final AtomicReference<Status> end = new AtomicReference<>();
    private volatile ClientCallStreamObserver<ReceiveRequest> call;

    static Receiver open(ConsumerServiceGrpc.ConsumerServiceStub stub, long consumerId) {
        Receiver receiver = new Receiver();
        stub.receiveMessages(ReceiveRequest.newBuilder().setRequestId(1).setConsumerId(consumerId).build(), receiver);
        return receiver;
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<ReceiveRequest> requestStream) {
        this.call = requestStream;
    }

    @Override
    public void onNext(StreamMessage value) {
        messages.add(value);
    }

    @Override
    public void onError(Throwable t) {
        end.compareAndSet(null, Status.fromThrowable(t));
    }

    @Override
    public void onCompleted() {
        end.compareAndSet(null, Status.OK);
    }

    /** Next message within {@code timeout}, or null. */
    public StreamMessage poll(Duration timeout) {
        try {
            return messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Exactly {@code n} messages, failing if they do not arrive within {@code timeout}. */
    public List<StreamMessage> take(int n, Duration timeout) {
        List<StreamMessage> out = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (out.size() < n) {
            long left = deadline - System.nanoTime();
            StreamMessage m = left > 0 ? poll(Duration.ofNanos(left)) : null;
            if (m == null) {
                throw new AssertionError("expected " + n + " messages, got " + out.size() + ": " + out);
            }
            out.add(m);
        }
        return out;
    }

    /** Everything received so far. */
    public List<StreamMessage> drain() {
        List<StreamMessage> out = new ArrayList<>();
        messages.drainTo(out);
        return out;
    }

    /** How the stream ended, or null while open. */
    public Status endStatus() {
        return end.get();
    }

    /** Drops the stream from the client side. */
    public void cancel() {
        call.cancel("test drops the stream", null);
    }
}
