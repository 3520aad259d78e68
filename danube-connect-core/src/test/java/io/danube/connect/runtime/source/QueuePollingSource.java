package io.danube.connect.runtime.source;

import io.danube.connect.api.ConnectorContext;
import io.danube.connect.api.Offset;
import io.danube.connect.api.ProducerConfig;
import io.danube.connect.api.SourceConnector;
import io.danube.connect.api.SourceRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/** A polling test source: each poll returns up to three records the test queued, and commits are recorded. */
class QueuePollingSource implements SourceConnector {

    final Queue<SourceRecord> queued = new ConcurrentLinkedQueue<>();
    final List<Offset> committed = new CopyOnWriteArrayList<>();
    private final List<ProducerConfig> producers;

    QueuePollingSource(List<ProducerConfig> producers) {
        this.producers = producers;
    }

    @Override
    public void initialize(ConnectorContext context) {
    }

    @Override
    public List<ProducerConfig> producerConfigs() {
        return producers;
    }

    @Override
    public List<SourceRecord> poll() {
        List<SourceRecord> batch = new ArrayList<>();
        while (batch.size() < 3 && !queued.isEmpty()) {
            batch.add(queued.poll());
        }
        return batch;
    }

    @Override
    public void commit(List<Offset> offsets) {
        committed.addAll(offsets);
    }
}
