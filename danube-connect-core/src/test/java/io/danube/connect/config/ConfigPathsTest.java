package io.danube.connect.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigPathsTest {

    @TempDir
    Path configDirectory;
    @TempDir
    Path workingDirectory;

    private Path write(Path file) throws Exception {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, "{}");
    }

    @Test
    void relativeReferenceResolvesBesideTheConfigFileFirst() throws Exception {
        Path beside = write(configDirectory.resolve("schemas/reading.json"));
        write(workingDirectory.resolve("schemas/reading.json"));

        Path resolved = new ConfigPaths(configDirectory, workingDirectory)
                .resolve("schema_file", "schemas/reading.json");

        assertThat(resolved).isEqualTo(beside);
    }

    @Test
    void relativeReferenceNotBesideTheConfigFileResolvesAgainstTheWorkingDirectory() throws Exception {
        Path inWorkingDirectory = write(workingDirectory.resolve("certs/ca.pem"));

        Path resolved = new ConfigPaths(configDirectory, workingDirectory).resolve("mqtt.ca_file", "certs/ca.pem");

        assertThat(resolved).isEqualTo(inWorkingDirectory);
    }

    @Test
    void absoluteReferenceIsTakenAsWritten() throws Exception {
        Path absolute = write(workingDirectory.resolve("key.pem"));

        assertThat(new ConfigPaths(configDirectory, configDirectory).resolve("key", absolute.toString()))
                .isEqualTo(absolute);
    }

    @Test
    void missingFileNamesTheKeyAndEveryPlaceLookedAt() {
        assertThatThrownBy(() -> new ConfigPaths(configDirectory, workingDirectory)
                .resolve("schemas[0].schema_file", "schemas/missing.json"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'schemas[0].schema_file'")
                .hasMessageContaining(configDirectory.resolve("schemas/missing.json").toString())
                .hasMessageContaining(workingDirectory.resolve("schemas/missing.json").toString());
    }

    @Test
    void aLoadedConfigResolvesItsFileReferencesBesideTheFile() throws Exception {
        Path schema = write(configDirectory.resolve("schemas/reading.json"));
        Path file = Files.writeString(configDirectory.resolve("source.toml"), """
                danube_service_url = "http://broker:6650"
                connector_name = "paths"
                """);

        ConnectorConfig config = new ConnectorConfigLoader(Map.of()).load(file);

        assertThat(config.paths().resolve("schema_file", "schemas/reading.json")).isEqualTo(schema);
    }
}
