package io.danube.connect.config;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/**
 * Resolves the files a config refers to ({@code schema_file}, TLS certificates, keys, JSON Schemas): an absolute path
 * as written; a relative one against the config file's directory first, then the working directory of the process
 * that was started, so a file copied with the files beside it runs from anywhere.
 *
 * @param configDirectory  the directory of the config file
 * @param workingDirectory the process's working directory
 */
public record ConfigPaths(Path configDirectory, Path workingDirectory) {

    public ConfigPaths {
        configDirectory = configDirectory.toAbsolutePath().normalize();
        workingDirectory = workingDirectory.toAbsolutePath().normalize();
    }

    /** For a config built in code: both bases are the working directory. */
    public static ConfigPaths workingDirectoryOnly() {
        Path workingDirectory = Path.of("").toAbsolutePath();
        return new ConfigPaths(workingDirectory, workingDirectory);
    }

    /** For a config read from {@code file}. */
    public static ConfigPaths besideFile(Path file) {
        Path absolute = file.toAbsolutePath();
        return new ConfigPaths(absolute.getParent(), Path.of("").toAbsolutePath());
    }

    /**
     * The existing file {@code reference} names; fails naming {@code key} and every place looked at when there is
     * none.
     */
    public Path resolve(String key, String reference) {
        Path path;
        try {
            path = Path.of(ConfigException.requireText(key, reference).trim());
        } catch (InvalidPathException e) {
            throw new ConfigException(key, "not a file path: " + e.getMessage(), e);
        }
        List<Path> candidates = path.isAbsolute() ? List.of(path)
                : List.of(configDirectory.resolve(path).normalize(), workingDirectory.resolve(path).normalize());
        return candidates.stream()
                .filter(Files::isRegularFile)
                .findFirst()
                .orElseThrow(() -> new ConfigException(key, "file " + reference + " not found (looked at "
                        + String.join(" and ", candidates.stream().distinct().map(Path::toString).toList()) + ")"));
    }
}
