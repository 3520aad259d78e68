package io.danube.connect.jdbc;

import io.danube.connect.api.ConnectorContext;
import io.danube.connect.api.ConsumerConfig;
import io.danube.connect.api.DanubePosition;
import io.danube.connect.api.PositionStoringSink;
import io.danube.connect.api.RetryableException;
import io.danube.connect.api.SinkConnector;
import io.danube.connect.api.SinkRecord;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Wraps the JDBC sink and, when told to, fails every batch after it was written and committed, as if the process died
 * before its acknowledgements reached the broker: the messages are in the table but will be delivered again. Routes
 * with effectively-once delivery store their positions as the JDBC sink does.
 */
final class AckLosingSink implements SinkConnector, PositionStoringSink {

    private final JdbcSinkConnector delegate = new JdbcSinkConnector();
    private final boolean loseAcks;
    private final CountDownLatch started;
    final AtomicLong recordsWritten = new AtomicLong();
    final Set<String> payloadsWritten = ConcurrentHashMap.newKeySet();

    /** @param started batches wait until it is counted down (at most a minute), so messages can pile up first */
    AckLosingSink(boolean loseAcks, CountDownLatch started) {
        this.loseAcks = loseAcks;
        this.started = started;
    }

    @Override
    public void initialize(ConnectorContext context) {
        delegate.initialize(context);
    }

    @Override
    public List<ConsumerConfig> consumerConfigs() {
        return delegate.consumerConfigs();
    }

    @Override
    public boolean storesPositions(ConsumerConfig consumer) {
        return delegate.storesPositions(consumer);
    }

    @Override
    public Set<DanubePosition> alreadyStored(List<DanubePosition> positions) {
        return delegate.alreadyStored(positions);
    }

    @Override
    public void start() {
        delegate.start();
    }

    @Override
    public void processBatch(List<SinkRecord> records) {
        try {
            started.await(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetryableException("interrupted while waiting for the start signal", e);
        }
        delegate.processBatch(records);
        recordsWritten.addAndGet(records.size());
        records.forEach(record -> payloadsWritten.add(record.payloadString()));
        if (loseAcks) {
            throw new RetryableException("simulated crash before the acknowledgements were sent");
        }
    }

    @Override
    public void shutdown() {
        delegate.shutdown();
    }
}
