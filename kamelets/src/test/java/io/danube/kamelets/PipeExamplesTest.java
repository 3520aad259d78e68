package io.danube.kamelets;

import com.fasterxml.jackson.databind.JsonNode;
import io.danube.kamelets.Kamelets.Kamelet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The Camel K Pipe examples are well-formed and configure the danube Kamelets only with properties they declare. */
class PipeExamplesTest {

    static Stream<Path> pipes() {
        return Kamelets.pipeExamples().stream();
    }

    @Test
    void examplesCoverMqttInPostgresqlOutAndAPureDanubePipe() {
        List<String> pairs = new ArrayList<>();
        for (Path file : Kamelets.pipeExamples()) {
            JsonNode spec = Kamelets.readYaml(file).path("spec");
            pairs.add(refName(spec.path("source")) + " -> " + refName(spec.path("sink")));
        }
        assertThat(pairs).containsExactlyInAnyOrder(
                "mqtt5-source -> danube-sink", "danube-source -> postgresql-sink", "danube-source -> log-sink");
    }

    @ParameterizedTest
    @MethodSource("pipes")
    void pipeIsACamelKPipeOfKameletReferences(Path file) {
        JsonNode pipe = Kamelets.readYaml(file);
        assertThat(pipe.path("apiVersion").asText()).isEqualTo("camel.apache.org/v1");
        assertThat(pipe.path("kind").asText()).isEqualTo("Pipe");
        assertThat(file.getFileName().toString()).isEqualTo(pipe.path("metadata").path("name").asText() + ".pipe.yaml");
        for (String end : List.of("source", "sink")) {
            JsonNode ref = pipe.path("spec").path(end).path("ref");
            assertThat(ref.path("kind").asText()).as(end).isEqualTo("Kamelet");
            assertThat(ref.path("apiVersion").asText()).as(end).isEqualTo("camel.apache.org/v1");
            assertThat(ref.path("name").asText()).as(end).endsWith("-" + end);
        }
    }

    @ParameterizedTest
    @MethodSource("pipes")
    void danubeEndsSetDeclaredPropertiesAndEveryRequiredOne(Path file) {
        JsonNode spec = Kamelets.readYaml(file).path("spec");
        int danubeEnds = 0;
        for (String end : List.of("source", "sink")) {
            String name = refName(spec.path(end));
            if (!Kamelets.NAMES.contains(name)) {
                continue;
            }
            danubeEnds++;
            Kamelet kamelet = Kamelets.load(name);
            JsonNode declared = kamelet.definition().path("properties");
            JsonNode given = spec.path(end).path("properties");
            List<String> keys = new ArrayList<>();
            given.fieldNames().forEachRemaining(keys::add);
            assertThat(keys).as(file + " " + name).allMatch(declared::has);
            for (JsonNode required : kamelet.definition().path("required")) {
                assertThat(given.has(required.asText())).as(file + " sets " + required.asText()).isTrue();
            }
            for (String key : keys) {
                JsonNode choices = declared.path(key).path("enum");
                if (!choices.isMissingNode()) {
                    assertThat(choices).as(file + " " + key).contains(given.get(key));
                }
            }
        }
        assertThat(danubeEnds).as(file + " uses a danube Kamelet").isPositive();
    }

    private static String refName(JsonNode end) {
        return end.path("ref").path("name").asText();
    }
}
