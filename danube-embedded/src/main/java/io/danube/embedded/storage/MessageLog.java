package io.danube.embedded.storage;

import com.google.protobuf.InvalidProtocolBufferException;
import io.danube.proto.StreamMessage;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The message log of one reliable topic: assigns dense offsets from 0, keeps the not yet dispatched part in memory
 * and, with a file, appends every message to disk before {@link #append} returns.
 */
public final class MessageLog implements Closeable {

    private final MessageRing ring;
    private final LogFile file;
    private long nextOffset;

    private MessageLog(long nextOffset, LogFile file, MessageRing ring) {
        this.nextOffset = nextOffset;
        this.file = file;
        this.ring = ring;
    }

    /** A log that lives in memory only. */
    public static MessageLog inMemory() {
        return new MessageLog(0, null, new MessageRing(0));
    }

    /**
     * Opens the log file, truncating a damaged tail, and keeps in memory only messages at or above
     * {@code keepFromOffset}.
     */
    public static MessageLog openFile(Path path, long keepFromOffset) throws IOException {
        MessageRing[] ringHolder = new MessageRing[1];
        LogFile.Recovery[] recovery = new LogFile.Recovery[1];
        LogFile file = LogFile.openAndRecover(path, (offset, payload) -> {
            if (offset < keepFromOffset) {
                return;
            }
            if (ringHolder[0] == null) {
                ringHolder[0] = new MessageRing(offset);
            }
            try {
                ringHolder[0].add(StreamMessage.parseFrom(payload));
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalStateException("record at offset " + offset + " of " + path
                        + " passed its CRC but is not a StreamMessage", e);
            }
        }, recovery);
        long next = recovery[0].nextOffset();
        MessageRing ring = ringHolder[0] != null ? ringHolder[0] : new MessageRing(next);
        return new MessageLog(next, file, ring);
    }

    /** Stamps the next offset into the message id, stores the message and returns the stamped message. */
    public StreamMessage append(StreamMessage message) {
        return append(message, true);
    }

    /**
     * Like {@link #append(StreamMessage)}; with {@code keepInMemory} false (no subscription could read it) only the file
     * gets the message and memory keeps nothing below the new end.
     */
    public synchronized StreamMessage append(StreamMessage message, boolean keepInMemory) {
        long offset = nextOffset;
        StreamMessage stamped = message.toBuilder()
                .setMsgId(message.getMsgId().toBuilder().setTopicOffset(offset))
                .build();
        if (file != null) {
            file.append(offset, stamped.toByteArray());
        }
        if (keepInMemory) {
            ring.add(stamped);
        } else {
            ring.trimBelow(offset + 1);
        }
        nextOffset = offset + 1;
        return stamped;
    }

    /** The message at {@code offset}, or {@code null} if it is not (or no longer) held in memory. */
    public synchronized StreamMessage read(long offset) {
        return ring.get(offset);
    }

    /** Offset the next appended message will get. */
    public synchronized long endOffset() {
        return nextOffset;
    }

    /** Drops messages below {@code offset} from memory; the file keeps them. */
    public synchronized void trimBelow(long offset) {
        ring.trimBelow(Math.min(offset, nextOffset));
    }

    /** Lowest offset still held in memory. */
    public synchronized long firstInMemoryOffset() {
        return ring.firstOffset();
    }

    /** Forces the file to disk without blocking appends; no-op in memory. */
    public void sync() throws IOException {
        if (file != null) {
            file.sync();
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (file != null) {
            file.close();
        }
    }
}
