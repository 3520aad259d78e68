package io.danube.bench.sdk;

import io.danube.connect.api.ConnectorContext;
import io.danube.connect.api.ConsumerConfig;
import io.danube.connect.api.SinkConnector;
import io.danube.connect.api.SinkRecord;
import io.danube.connect.api.SubscriptionType;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** A sink that writes nothing and counts what it was given: the SDK runtime's ceiling. */
public final class NoOpSink implements SinkConnector {

    private final AtomicLong written = new AtomicLong();
    private final String topic;

    public NoOpSink(String topic) {
        this.topic = topic;
    }

    /** Records handed to {@code processBatch} so far. */
    public long written() {
        return written.get();
    }

    @Override
    public void initialize(ConnectorContext context) {
    }

    @Override
    public List<ConsumerConfig> consumerConfigs() {
        return List.of(new ConsumerConfig(topic, "bench-sink", "bench", SubscriptionType.SHARED));
    }

    @Override
    public void processBatch(List<SinkRecord> records) {
        written.addAndGet(records.size());
    }
}
