package io.danube.embedded.schema;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Write-through persistence of the registry: one JSON file, replaced atomically (write a temporary file, fsync,
 * rename) so a crash leaves either the old or the new snapshot.
 */
final class RegistryStateFile {

    static final String FILE_NAME = "schema-registry.json";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;
    private final Path temporary;

    RegistryStateFile(Path dataDirectory) {
        this.file = dataDirectory.resolve(FILE_NAME);
        this.temporary = dataDirectory.resolve(FILE_NAME + ".tmp");
    }

    Path path() {
        return file;
    }

    RegistryState load() {
        if (!Files.exists(file)) {
            return RegistryState.EMPTY;
        }
        try {
            return MAPPER.readValue(file.toFile(), RegistryState.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the schema registry file " + file, e);
        }
    }

    void save(RegistryState state) {
        try {
            Files.createDirectories(file.getParent());
            ByteBuffer content = ByteBuffer.wrap(MAPPER.writeValueAsBytes(state));
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                while (content.hasRemaining()) {
                    channel.write(content);
                }
                channel.force(true);
            }
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the schema registry file " + file, e);
        }
    }
}
