package io.danube.embedded.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CursorStoreTest {

    @TempDir
    Path dir;

    @Test
    void missingFileMeansNoCursors() throws IOException {
        assertThat(new CursorStore(dir.resolve("none.tsv")).load()).isEmpty();
    }

    @Test
    void savedCursorsRoundTripIncludingAwkwardNames() throws IOException {
        CursorStore store = new CursorStore(dir.resolve("cursors.tsv"));
        Map<String, Long> cursors = Map.of("plain", 41L, "tab\there", -1L, "back\\slash", 7L, "new\nline", 1L << 40);
        store.save(cursors);
        assertThat(store.load()).isEqualTo(cursors);
        store.save(Map.of("plain", 42L));
        assertThat(store.load()).isEqualTo(Map.of("plain", 42L));
        assertThat(dir.resolve("cursors.tsv.tmp")).doesNotExist();
    }

    @Test
    void malformedFileIsRejectedWithItsName() throws IOException {
        Path file = dir.resolve("bad.tsv");
        Files.writeString(file, "sub\tnot-a-number\n");
        assertThatThrownBy(() -> new CursorStore(file).load()).isInstanceOf(IOException.class).hasMessageContaining("bad.tsv");
    }
}
