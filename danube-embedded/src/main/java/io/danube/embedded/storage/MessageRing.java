package io.danube.embedded.storage;

import io.danube.proto.StreamMessage;

/** Growable circular buffer of messages addressed by their dense log offset; not thread-safe. */
final class MessageRing {

    private StreamMessage[] slots = new StreamMessage[64];
    private int head;
    private int size;
    private long firstOffset;

    MessageRing(long firstOffset) {
        this.firstOffset = firstOffset;
    }

    long firstOffset() {
        return firstOffset;
    }

    long endOffset() {
        return firstOffset + size;
    }

    void add(StreamMessage message) {
        if (size == slots.length) {
            StreamMessage[] bigger = new StreamMessage[slots.length * 2];
            for (int i = 0; i < size; i++) {
                bigger[i] = slots[(head + i) % slots.length];
            }
            slots = bigger;
            head = 0;
        }
        slots[(head + size) % slots.length] = message;
        size++;
    }

    StreamMessage get(long offset) {
        if (offset < firstOffset || offset >= firstOffset + size) {
            return null;
        }
        return slots[(int) ((head + (offset - firstOffset)) % slots.length)];
    }

    /** Forgets every message below {@code offset}; an offset beyond the end empties the ring and moves its start. */
    void trimBelow(long offset) {
        while (size > 0 && firstOffset < offset) {
            slots[head] = null;
            head = (head + 1) % slots.length;
            size--;
            firstOffset++;
        }
        if (size == 0 && firstOffset < offset) {
            firstOffset = offset;
            head = 0;
        }
    }
}
