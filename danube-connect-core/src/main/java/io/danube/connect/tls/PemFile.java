package io.danube.connect.tls;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A PEM file named by a configuration key: the key is what an error about the file names.
 *
 * @param configKey the key that gave the path, e.g. {@code mqtt.ca_file}
 * @param path      the file
 */
public record PemFile(String configKey, Path path) {

    public PemFile {
        Objects.requireNonNull(configKey, "configKey");
        Objects.requireNonNull(path, "path");
    }
}
