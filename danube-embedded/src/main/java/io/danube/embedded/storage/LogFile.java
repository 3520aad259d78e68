package io.danube.embedded.storage;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32;

/**
 * Append-only file of records {@code [int length][int crc32][long offset][payload]}, where length counts the offset and
 * the payload and the CRC covers both. Offsets are dense, starting at 0. Writes go to the OS page cache immediately;
 * {@link #sync()} forces them to the device.
 */
public final class LogFile implements Closeable {

    static final int HEADER_BYTES = 8;
    static final int MAX_RECORD_BYTES = 64 * 1024 * 1024;

    /** Receives each intact record found during recovery. */
    @FunctionalInterface
    public interface RecordVisitor {
        void visit(long offset, byte[] payload);
    }

    /** What recovery found: the next offset to write and whether a damaged tail was cut off. */
    public record Recovery(long nextOffset, long truncatedBytes) {
    }

    private final Path path;
    private final FileChannel channel;
    private ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);
    private final CRC32 crc = new CRC32();
    private volatile boolean dirty;

    private LogFile(Path path, FileChannel channel) {
        this.path = path;
        this.channel = channel;
    }

    /**
     * Opens (creating if needed) the log, hands every intact record to {@code visitor} and cuts off everything from the
     * first damaged, truncated or out-of-sequence record on.
     */
    public static LogFile openAndRecover(Path path, RecordVisitor visitor, Recovery[] recoveryOut) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            long size = channel.size();
            long goodEnd = 0;
            long expectedOffset = 0;
            channel.position(0);
            InputStream raw = Channels.newInputStream(channel);
            DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 64 * 1024));
            CRC32 check = new CRC32();
            while (goodEnd + HEADER_BYTES <= size) {
                int length;
                int storedCrc;
                byte[] body;
                try {
                    length = in.readInt();
                    storedCrc = in.readInt();
                    if (length < 8 || length > MAX_RECORD_BYTES || goodEnd + HEADER_BYTES + length > size) {
                        break;
                    }
                    body = new byte[length];
                    in.readFully(body);
                } catch (EOFException e) {
                    break;
                }
                check.reset();
                check.update(body);
                if ((int) check.getValue() != storedCrc) {
                    break;
                }
                long offset = ByteBuffer.wrap(body, 0, 8).getLong();
                if (offset != expectedOffset) {
                    break;
                }
                byte[] payload = new byte[length - 8];
                System.arraycopy(body, 8, payload, 0, payload.length);
                visitor.visit(offset, payload);
                expectedOffset++;
                goodEnd += HEADER_BYTES + length;
            }
            if (goodEnd < size) {
                channel.truncate(goodEnd);
                channel.force(true);
            }
            channel.position(goodEnd);
            recoveryOut[0] = new Recovery(expectedOffset, size - goodEnd);
            return new LogFile(path, channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Appends one record; the bytes are in the page cache when this returns. */
    public void append(long offset, byte[] payload) {
        int length = 8 + payload.length;
        int total = HEADER_BYTES + length;
        if (buffer.capacity() < total) {
            buffer = ByteBuffer.allocateDirect(Integer.highestOneBit(total) << 1);
        }
        buffer.clear();
        buffer.position(HEADER_BYTES);
        buffer.putLong(offset).put(payload);
        int end = buffer.position();
        ByteBuffer body = buffer.duplicate();
        body.position(HEADER_BYTES).limit(end);
        crc.reset();
        crc.update(body);
        buffer.putInt(0, length).putInt(4, (int) crc.getValue());
        buffer.position(0).limit(end);
        long start = -1;
        try {
            start = channel.position();
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        } catch (IOException e) {
            discardPartialRecord(start, e);
            throw new UncheckedIOException("cannot append offset " + offset + " to " + path, e);
        }
        dirty = true;
    }

    /** Cuts a half-written record off so the next append does not land behind garbage. */
    private void discardPartialRecord(long start, IOException cause) {
        if (start < 0) {
            return;
        }
        try {
            channel.truncate(start);
            channel.position(start);
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }

    /**
     * Forces appended records to the storage device if anything was written since the last sync. Safe to call while
     * another thread appends.
     */
    public void sync() throws IOException {
        if (dirty) {
            dirty = false;
            channel.force(false);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            sync();
        } finally {
            channel.close();
        }
    }
}
