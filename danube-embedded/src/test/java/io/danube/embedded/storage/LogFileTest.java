package io.danube.embedded.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LogFileTest {

    @TempDir
    Path dir;

    private record Recovered(LogFile file, LogFile.Recovery recovery, List<String> payloads) {
    }

    private Recovered open(Path path) throws IOException {
        List<String> payloads = new ArrayList<>();
        LogFile.Recovery[] recovery = new LogFile.Recovery[1];
        LogFile file = LogFile.openAndRecover(path, (offset, payload) -> {
            assertThat(offset).isEqualTo(payloads.size());
            payloads.add(new String(payload, StandardCharsets.UTF_8));
        }, recovery);
        return new Recovered(file, recovery[0], payloads);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void appendedRecordsAreRecoveredInOrder() throws IOException {
        Path path = dir.resolve("a.log");
        Recovered fresh = open(path);
        assertThat(fresh.recovery().nextOffset()).isZero();
        for (int i = 0; i < 100; i++) {
            fresh.file().append(i, bytes("record-" + i));
        }
        fresh.file().close();

        Recovered again = open(path);
        assertThat(again.payloads()).hasSize(100).startsWith("record-0").endsWith("record-99");
        assertThat(again.recovery()).isEqualTo(new LogFile.Recovery(100, 0));
        again.file().append(100, bytes("record-100"));
        again.file().close();
        assertThat(open(path).payloads()).hasSize(101).endsWith("record-100");
    }

    @Test
    void largeRecordsGrowTheWriteBuffer() throws IOException {
        Path path = dir.resolve("big.log");
        Recovered fresh = open(path);
        String big = "x".repeat(200_000);
        fresh.file().append(0, bytes(big));
        fresh.file().append(1, bytes("small"));
        fresh.file().close();
        assertThat(open(path).payloads()).containsExactly(big, "small");
    }

    @Test
    void truncatedTailIsCutOff() throws IOException {
        Path path = dir.resolve("t.log");
        Recovered fresh = open(path);
        for (int i = 0; i < 10; i++) {
            fresh.file().append(i, bytes("payload-" + i));
        }
        fresh.file().close();
        long size = Files.size(path);
        try (RandomAccessFile raf = new RandomAccessFile(path.toFile(), "rw")) {
            raf.setLength(size - 3);
        }
        Recovered recovered = open(path);
        assertThat(recovered.payloads()).hasSize(9);
        assertThat(recovered.recovery().nextOffset()).isEqualTo(9);
        assertThat(recovered.recovery().truncatedBytes()).isPositive();
        recovered.file().append(9, bytes("rewritten-9"));
        recovered.file().close();
        assertThat(open(path).payloads()).hasSize(10).endsWith("rewritten-9");
    }

    @Test
    void corruptedRecordAndEverythingAfterIsCutOff() throws IOException {
        Path path = dir.resolve("c.log");
        Recovered fresh = open(path);
        for (int i = 0; i < 10; i++) {
            fresh.file().append(i, bytes("payload-" + i));
        }
        fresh.file().close();
        long recordSize = Files.size(path) / 10;
        try (RandomAccessFile raf = new RandomAccessFile(path.toFile(), "rw")) {
            long inFifthPayload = 4 * recordSize + recordSize - 2;
            raf.seek(inFifthPayload);
            int b = raf.read();
            raf.seek(inFifthPayload);
            raf.write(b ^ 0x5a);
        }
        Recovered recovered = open(path);
        assertThat(recovered.payloads()).containsExactly("payload-0", "payload-1", "payload-2", "payload-3");
        assertThat(Files.size(path)).isEqualTo(4 * recordSize);
    }

    @Test
    void garbageLengthIsTreatedAsCorruption() throws IOException {
        Path path = dir.resolve("g.log");
        Recovered fresh = open(path);
        fresh.file().append(0, bytes("ok"));
        fresh.file().close();
        long good = Files.size(path);
        try (RandomAccessFile raf = new RandomAccessFile(path.toFile(), "rw")) {
            raf.seek(good);
            raf.writeInt(Integer.MAX_VALUE);
            raf.writeInt(0);
            raf.write(new byte[32]);
        }
        Recovered recovered = open(path);
        assertThat(recovered.payloads()).containsExactly("ok");
        assertThat(Files.size(path)).isEqualTo(good);
    }
}
