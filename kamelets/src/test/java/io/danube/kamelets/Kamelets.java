package io.danube.kamelets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Loads the shipped Kamelets, the Pipe examples and the danube component's generated metadata for the tests. */
final class Kamelets {

    /** The Kamelets this module ships; the tests fail when the classpath directory holds anything else. */
    static final List<String> NAMES = List.of("danube-sink", "danube-source");

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final ObjectMapper JSON = new ObjectMapper();

    /** A Kamelet as parsed from its file; {@code fileName} is kept apart so the name rule can compare the two. */
    record Kamelet(String fileName, ObjectNode document) {

        String name() {
            return document.path("metadata").path("name").asText();
        }

        String type() {
            return document.path("metadata").path("labels").path("camel.apache.org/kamelet.type").asText();
        }

        JsonNode definition() {
            return document.path("spec").path("definition");
        }

        JsonNode template() {
            return document.path("spec").path("template");
        }

        /** A deep copy, for tests that break a rule on purpose. */
        Kamelet copy() {
            return new Kamelet(fileName, document.deepCopy());
        }

        @Override
        public String toString() {
            return fileName;
        }
    }

    private Kamelets() {
    }

    /** The directory {@code kamelets/} on the test classpath, i.e. the module's built resources. */
    static Path classpathDirectory() {
        URL url = Kamelets.class.getClassLoader().getResource("kamelets");
        if (url == null) {
            throw new IllegalStateException("no kamelets/ directory on the classpath");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<Kamelet> all() {
        return NAMES.stream().map(Kamelets::load);
    }

    static Kamelet load(String name) {
        String fileName = name + ".kamelet.yaml";
        return new Kamelet(fileName, (ObjectNode) read(YAML, classpathDirectory().resolve(fileName)));
    }

    /** The Camel K Pipe examples, from the directory the build passes in. */
    static List<Path> pipeExamples() {
        Path directory = Path.of(System.getProperty("danube.kamelets.examples", "examples"));
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".pipe.yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode readYaml(Path file) {
        return read(YAML, file);
    }

    /** The JSON the camel-component-maven-plugin generated for the danube component, from camel-danube's jar. */
    static JsonNode danubeComponentJson() {
        try (InputStream in = Kamelets.class.getClassLoader()
                .getResourceAsStream("META-INF/io/danube/camel/danube.json")) {
            if (in == null) {
                throw new IllegalStateException("danube.json is not on the classpath");
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(ObjectMapper mapper, Path file) {
        try {
            return mapper.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
