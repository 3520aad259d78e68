package io.danube.embedded.storage;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The on-disk home of one topic under {@code <data dir>/topics/<url-encoded topic name>/}: {@code meta.json},
 * {@code messages.log} (reliable topics) and {@code cursors.tsv}.
 */
public final class TopicDirectory {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path directory;

    private TopicDirectory(Path directory) {
        this.directory = directory;
    }

    /** The directory for {@code topicName}, created if missing. */
    public static TopicDirectory forTopic(Path dataDirectory, String topicName) {
        Path dir = topicsRoot(dataDirectory).resolve(URLEncoder.encode(topicName, StandardCharsets.UTF_8));
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create topic directory " + dir, e);
        }
        return new TopicDirectory(dir);
    }

    /** Metadata of every topic stored under {@code dataDirectory}. */
    public static List<TopicMetadata> loadAll(Path dataDirectory) throws IOException {
        List<TopicMetadata> topics = new ArrayList<>();
        Path root = topicsRoot(dataDirectory);
        if (!Files.isDirectory(root)) {
            return topics;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
            for (Path dir : dirs) {
                Path meta = dir.resolve("meta.json");
                if (!Files.exists(meta)) {
                    continue;
                }
                TopicMetadata metadata = JSON.readValue(meta.toFile(), TopicMetadata.class);
                String expected = URLDecoder.decode(dir.getFileName().toString(), StandardCharsets.UTF_8);
                if (!expected.equals(metadata.name())) {
                    throw new IOException("topic metadata " + meta + " names '" + metadata.name()
                            + "' but its directory is for '" + expected + "'");
                }
                topics.add(metadata);
            }
        }
        return topics;
    }

    private static Path topicsRoot(Path dataDirectory) {
        return dataDirectory.resolve("topics");
    }

    public Path logFile() {
        return directory.resolve("messages.log");
    }

    public CursorStore cursors() {
        return new CursorStore(directory.resolve("cursors.tsv"));
    }

    /** Replaces the topic's metadata atomically. */
    public void saveMetadata(TopicMetadata metadata) {
        try {
            CursorStore.writeAtomically(directory.resolve("meta.json"), JSON.writeValueAsBytes(metadata));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialize metadata of " + metadata.name(), e);
        }
    }

    /** Removes the topic's files. */
    public void delete() {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete topic directory " + directory, e);
        }
    }
}
