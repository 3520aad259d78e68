package io.danube.connect.runtime.sink;

import io.danube.connect.api.ConsumerConfig;
import io.danube.connect.api.DanubePosition;
import io.danube.connect.api.PositionStoringSink;
import io.danube.connect.api.RetryableException;
import io.danube.connect.api.SinkRecord;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A sink that keeps its rows and their positions in one store, changed under one lock (its "transaction"), and
 * refuses a batch holding a position stored since the runtime asked, as the {@link PositionStoringSink} contract
 * demands. What it is told to do before its write ({@link #beforeWrite}) or after it ({@link RecordingSink#behaviour})
 * lets tests lose an acknowledgement or store a position behind the runtime's back.
 */
class PositionStoringTestSink extends RecordingSink implements PositionStoringSink {

    private final Set<DanubePosition> positions = new HashSet<>();
    final List<List<DanubePosition>> asked = new CopyOnWriteArrayList<>();
    volatile boolean storing = true;
    volatile Consumer<List<SinkRecord>> beforeWrite = batch -> { };

    PositionStoringTestSink(String topic, String subscription) {
        super(topic, subscription);
    }

    @Override
    public boolean storesPositions(ConsumerConfig consumer) {
        return storing;
    }

    @Override
    public synchronized Set<DanubePosition> alreadyStored(List<DanubePosition> batch) {
        asked.add(List.copyOf(batch));
        Set<DanubePosition> stored = new LinkedHashSet<>(batch);
        stored.retainAll(positions);
        return stored;
    }

    /** Stores a position as another sink instance would have, between the runtime's question and this write. */
    synchronized void storeElsewhere(DanubePosition position) {
        positions.add(position);
    }

    @Override
    public void processBatch(List<SinkRecord> records) {
        beforeWrite.accept(records);
        synchronized (this) {
            for (SinkRecord record : records) {
                if (storing && positions.contains(record.position())) {
                    throw new RetryableException("position " + record.position()
                                                                       + " was stored meanwhile");
                }
            }
            for (SinkRecord record : records) {
                if (storing) {
                    positions.add(record.position());
                }
                written.add(new String(record.payload(), StandardCharsets.UTF_8));
            }
            batches.add(List.copyOf(records));
        }
        behaviour.accept(records);
    }
}
