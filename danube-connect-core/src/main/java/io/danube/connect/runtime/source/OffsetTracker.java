package io.danube.connect.runtime.source;

import io.danube.connect.api.Offset;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Orders publish completions so that offsets are released only when the broker accepted their record and every
 * record sent before it. A record that never completes holds back every later offset.
 */
final class OffsetTracker {

    private final TreeMap<Long, Slot> slots = new TreeMap<>();
    private long nextSequence;

    /** Registers a record about to be sent; returns its sequence number. */
    synchronized long register(Offset offset) {
        long sequence = nextSequence++;
        slots.put(sequence, new Slot(offset));
        return sequence;
    }

    /**
     * Marks a record as accepted and returns the offsets that became committable, in send order (empty if an earlier
     * record is still in flight).
     */
    synchronized List<Offset> accepted(long sequence) {
        Slot slot = slots.get(sequence);
        if (slot != null) {
            slot.accepted = true;
        }
        List<Offset> committable = new ArrayList<>();
        while (!slots.isEmpty() && slots.firstEntry().getValue().accepted) {
            Offset offset = slots.pollFirstEntry().getValue().offset;
            if (offset != null) {
                committable.add(offset);
            }
        }
        return committable;
    }

    /** Records sent but not yet released. */
    synchronized int pending() {
        return slots.size();
    }

    private static final class Slot {
        final Offset offset;
        boolean accepted;

        Slot(Offset offset) {
            this.offset = offset;
        }
    }
}
