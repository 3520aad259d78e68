package io.danube.embedded.schema;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * Holds the current {@link RegistryState}. Readers get the snapshot with one volatile read; writers are serialized,
 * persist the next snapshot first (when a data directory is configured) and only then publish it, so memory and
 * disk never disagree after a failed write.
 */
final class RegistryStore {

    /** What a mutation produced: the next state (possibly the same instance) and a result for the caller. */
    record Outcome<T>(RegistryState next, T result) {
    }

    private final Object writeLock = new Object();
    private final Optional<RegistryStateFile> file;
    private volatile RegistryState state;

    RegistryStore(Path dataDirectoryOrNull) {
        this.file = Optional.ofNullable(dataDirectoryOrNull).map(RegistryStateFile::new);
        this.state = file.map(RegistryStateFile::load).orElse(RegistryState.EMPTY);
    }

    RegistryState current() {
        return state;
    }

    Optional<Path> filePath() {
        return file.map(RegistryStateFile::path);
    }

    <T> T mutate(Function<RegistryState, Outcome<T>> mutation) {
        synchronized (writeLock) {
            Outcome<T> outcome = mutation.apply(state);
            if (outcome.next() != state) {
                file.ifPresent(f -> f.save(outcome.next()));
                state = outcome.next();
            }
            return outcome.result();
        }
    }
}
