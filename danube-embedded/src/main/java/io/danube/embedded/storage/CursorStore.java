package io.danube.embedded.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The safe cursors of a topic's subscriptions (last offset up to which everything is acknowledged, -1 for none),
 * stored as {@code name<TAB>cursor} lines and replaced atomically on every save.
 */
public final class CursorStore {

    private final Path file;

    public CursorStore(Path file) {
        this.file = file;
    }

    /** The stored cursors; empty if nothing was saved yet. Malformed lines are rejected with the file named. */
    public Map<String, Long> load() throws IOException {
        Map<String, Long> cursors = new HashMap<>();
        if (!Files.exists(file)) {
            return cursors;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (String line : lines) {
            if (line.isEmpty()) {
                continue;
            }
            int tab = line.lastIndexOf('\t');
            if (tab < 0) {
                throw new IOException("malformed cursor line '" + line + "' in " + file);
            }
            try {
                cursors.put(unescape(line.substring(0, tab)), Long.parseLong(line.substring(tab + 1)));
            } catch (NumberFormatException e) {
                throw new IOException("malformed cursor value in line '" + line + "' in " + file, e);
            }
        }
        return cursors;
    }

    /** Replaces the stored cursors with {@code cursors} (write to a temporary file, fsync, rename). */
    public void save(Map<String, Long> cursors) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(cursors).forEach((name, cursor) -> text.append(escape(name)).append('\t').append(cursor).append('\n'));
        writeAtomically(file, text.toString().getBytes(StandardCharsets.UTF_8));
    }

    static void writeAtomically(Path target, byte[] content) {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try {
            Files.write(tmp, content);
            try (var channel = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    private static String escape(String name) {
        return name.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n");
    }

    private static String unescape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(++i);
                out.append(next == 't' ? '\t' : next == 'n' ? '\n' : next);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
