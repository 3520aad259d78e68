package io.danube.connect.runtime.sink;

import io.danube.connect.api.ConnectorContext;
import io.danube.connect.api.ConsumerConfig;
import io.danube.connect.api.SinkConnector;
import io.danube.connect.api.SinkRecord;
import io.danube.connect.api.SubscriptionType;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A test sink that records every batch it is handed and the records it wrote, and fails as told by a
 * per-batch behaviour.
 */
class RecordingSink implements SinkConnector {

    final List<List<SinkRecord>> batches = new CopyOnWriteArrayList<>();
    final List<String> written = new CopyOnWriteArrayList<>();
    final AtomicBoolean shutDown = new AtomicBoolean();
    private final String topic;
    private final String subscription;
    volatile Consumer<List<SinkRecord>> behaviour = batch -> { };
    volatile RuntimeException healthFailure;

    RecordingSink(String topic, String subscription) {
        this.topic = topic;
        this.subscription = subscription;
    }

    @Override
    public void initialize(ConnectorContext context) {
    }

    @Override
    public List<ConsumerConfig> consumerConfigs() {
        return List.of(new ConsumerConfig(topic, subscription + "-consumer", subscription, SubscriptionType.SHARED));
    }

    @Override
    public void processBatch(List<SinkRecord> records) {
        batches.add(List.copyOf(records));
        behaviour.accept(records);
        records.forEach(record -> written.add(new String(record.payload(), StandardCharsets.UTF_8)));
    }

    @Override
    public void healthCheck() {
        if (healthFailure != null) {
            throw healthFailure;
        }
    }

    @Override
    public void shutdown() {
        shutDown.set(true);
    }

    List<Integer> batchSizes() {
        return batches.stream().map(List::size).toList();
    }
}
