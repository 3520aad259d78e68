package io.danube.embedded.dispatch;

import io.danube.proto.StreamMessage;
import io.grpc.stub.ServerCallStreamObserver;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A consumer of one subscription: its identity, liveness, and an outbox of messages waiting for its current
 * ReceiveMessages stream. Only the thread that wins the drain flag touches the stream, so stream calls are serialized
 * without a lock; the outbox survives stream changes.
 */
public final class Consumer {

    private final long id;
    private final String name;
    private final Subscription subscription;
    private final int capacity;
    private final ConcurrentLinkedQueue<StreamMessage> outbox = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final ConcurrentLinkedQueue<ServerCallStreamObserver<StreamMessage>> streamsToComplete =
            new ConcurrentLinkedQueue<>();
    private final AtomicInteger drainRequests = new AtomicInteger();
    private volatile ServerCallStreamObserver<StreamMessage> stream;
    private volatile boolean active;
    private volatile List<KeyFilter> keyFilters;

    Consumer(long id, String name, Subscription subscription, int capacity, List<KeyFilter> keyFilters, boolean active) {
        this.id = id;
        this.name = name;
        this.subscription = subscription;
        this.capacity = capacity;
        this.keyFilters = List.copyOf(keyFilters);
        this.active = active;
    }

    public long id() {
        return id;
    }

    public String name() {
        return name;
    }

    public Subscription subscription() {
        return subscription;
    }

    /** Active from Subscribe on until its ReceiveMessages stream is lost. */
    public boolean isActive() {
        return active;
    }

    void markActive() {
        active = true;
    }

    void replaceKeyFilters(List<KeyFilter> filters) {
        this.keyFilters = List.copyOf(filters);
    }

    /** True if no filter is set or one of them matches {@code key}. */
    boolean accepts(String key) {
        List<KeyFilter> filters = keyFilters;
        if (filters.isEmpty()) {
            return true;
        }
        byte[] utf8 = key.getBytes(StandardCharsets.UTF_8);
        for (KeyFilter filter : filters) {
            if (filter.matches(utf8)) {
                return true;
            }
        }
        return false;
    }

    /** Queues a message; false (message not queued) when the outbox is at capacity. */
    boolean offer(StreamMessage message) {
        if (queued.incrementAndGet() > capacity) {
            queued.decrementAndGet();
            return false;
        }
        outbox.offer(message);
        return true;
    }

    /** Forgets queued messages that were not yet written to a stream. */
    void clearOutbox() {
        while (outbox.poll() != null) {
            queued.decrementAndGet();
        }
    }

    /**
     * Makes {@code newStream} the consumer's stream and marks it active; a previous stream is completed normally.
     *
     * @return whether another stream was replaced
     */
    public boolean attachStream(ServerCallStreamObserver<StreamMessage> newStream) {
        ServerCallStreamObserver<StreamMessage> previous;
        synchronized (this) {
            previous = stream;
            stream = newStream;
            active = true;
        }
        if (previous != null) {
            streamsToComplete.offer(previous);
        }
        newStream.setOnReadyHandler(this::drain);
        drain();
        return previous != null;
    }

    /** Completes the current stream normally (takeover by a new Subscribe); the consumer stays active. */
    void completeStream() {
        ServerCallStreamObserver<StreamMessage> previous;
        synchronized (this) {
            previous = stream;
            stream = null;
            active = true;
        }
        if (previous != null) {
            streamsToComplete.offer(previous);
            drain();
        }
    }

    /**
     * Called when {@code lostStream} was cancelled or failed.
     *
     * @return true if it was the current stream, which makes the consumer inactive
     */
    public boolean streamLost(ServerCallStreamObserver<StreamMessage> lostStream) {
        synchronized (this) {
            if (stream != lostStream) {
                return false;
            }
            stream = null;
            active = false;
        }
        return true;
    }

    /** Writes queued messages to the current stream while it accepts them. */
    public void drain() {
        if (drainRequests.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        do {
            ServerCallStreamObserver<StreamMessage> finished;
            while ((finished = streamsToComplete.poll()) != null) {
                completeQuietly(finished);
            }
            ServerCallStreamObserver<StreamMessage> current = stream;
            while (current != null && current.isReady()) {
                StreamMessage next = outbox.poll();
                if (next == null) {
                    break;
                }
                queued.decrementAndGet();
                try {
                    current.onNext(next);
                } catch (RuntimeException e) {
                    subscription.onStreamLost(this, current);
                    break;
                }
            }
            missed = drainRequests.addAndGet(-missed);
        } while (missed != 0);
    }

    /** Ends the current stream (broker shutdown or subscription removal). */
    void closeStream() {
        ServerCallStreamObserver<StreamMessage> previous;
        synchronized (this) {
            previous = stream;
            stream = null;
            active = false;
        }
        if (previous != null) {
            streamsToComplete.offer(previous);
            drain();
        }
    }

    private static void completeQuietly(ServerCallStreamObserver<StreamMessage> finished) {
        try {
            finished.onCompleted();
        } catch (RuntimeException ignored) {
            // the peer is gone already; nothing left to tell it
        }
    }
}
