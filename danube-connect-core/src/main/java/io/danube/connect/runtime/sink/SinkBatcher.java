package io.danube.connect.runtime.sink;

import io.danube.connect.config.ProcessingSettings;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Collects consumed records into batches on its own thread and hands each batch to the flush action. A batch is
 * flushed when it holds {@code batch_size} records, when {@code batch_timeout_ms} passed since its first record, or
 * when no record arrived for {@code batch_linger_ms}. Consumption continues into a bounded inbox (twice the batch
 * size) while a batch is being processed; a full inbox blocks the consumer threads.
 */
final class SinkBatcher implements Runnable {

    /** Longest wait before the flags and deadlines are looked at again. */
    private static final long IDLE_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final BlockingQueue<PendingRecord> inbox;
    private final int batchSize;
    private final long timeoutNanos;
    private final long lingerNanos;
    private final Consumer<List<PendingRecord>> flush;
    private final Consumer<List<PendingRecord>> abandon;
    private volatile boolean draining;
    private volatile boolean halted;

    /**
     * @param flush   processes and settles a batch
     * @param abandon settles records that will not be processed (after a halt)
     */
    SinkBatcher(ProcessingSettings settings, Consumer<List<PendingRecord>> flush,
                Consumer<List<PendingRecord>> abandon) {
        this.batchSize = settings.batchSize();
        this.inbox = new ArrayBlockingQueue<>(Math.max(2, batchSize * 2));
        this.timeoutNanos = settings.batchTimeout().toNanos();
        this.lingerNanos = settings.batchLinger().toNanos();
        this.flush = flush;
        this.abandon = abandon;
    }

    /** Adds a record; blocks while the inbox is full. */
    void add(PendingRecord record) throws InterruptedException {
        inbox.put(record);
    }

    /** Adds a record, waiting at most {@code timeout} for room in the inbox; false if there was none. */
    boolean offer(PendingRecord record, Duration timeout) throws InterruptedException {
        return inbox.offer(record, timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Flushes everything taken in so far without waiting for size or timeout, then ends the thread. */
    void drain() {
        draining = true;
    }

    /** Ends the thread without processing anything more; what is left is abandoned. */
    void halt() {
        halted = true;
    }

    @Override
    public void run() {
        List<PendingRecord> batch = new ArrayList<>(batchSize);
        long deadline = 0;
        long lastArrival = 0;
        try {
            while (!halted) {
                long now = System.nanoTime();
                long wait;
                if (batch.isEmpty()) {
                    wait = draining ? 0 : IDLE_TICK_NANOS;
                } else if (draining) {
                    wait = 0;
                } else {
                    wait = deadline - now;
                    if (lingerNanos > 0) {
                        wait = Math.min(wait, lastArrival + lingerNanos - now);
                    }
                    wait = Math.min(wait, IDLE_TICK_NANOS);
                }
                PendingRecord next = wait > 0 ? inbox.poll(wait, TimeUnit.NANOSECONDS) : inbox.poll();
                if (next != null) {
                    if (batch.isEmpty()) {
                        deadline = System.nanoTime() + timeoutNanos;
                    }
                    batch.add(next);
                    inbox.drainTo(batch, batchSize - batch.size());
                    lastArrival = System.nanoTime();
                    if (batch.size() >= batchSize || lastArrival - deadline >= 0) {
                        batch = flush(batch);
                    }
                } else if (!batch.isEmpty() && (draining || System.nanoTime() - deadline >= 0
                        || lingerNanos > 0 && System.nanoTime() - lastArrival >= lingerNanos)) {
                    batch = flush(batch);
                } else if (batch.isEmpty() && draining) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<PendingRecord> left = new ArrayList<>(batch);
        inbox.drainTo(left);
        if (!left.isEmpty()) {
            abandon.accept(left);
        }
    }

    /** Records added after the thread ended; the caller settles them. */
    List<PendingRecord> takeRemaining() {
        List<PendingRecord> left = new ArrayList<>();
        inbox.drainTo(left);
        return left;
    }

    private List<PendingRecord> flush(List<PendingRecord> batch) {
        flush.accept(batch);
        return new ArrayList<>(batchSize);
    }
}
