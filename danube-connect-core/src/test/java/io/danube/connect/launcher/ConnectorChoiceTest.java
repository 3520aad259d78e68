package io.danube.connect.launcher;

import io.danube.connect.api.ConnectorContext;
import io.danube.connect.config.ConfigException;
import io.danube.connect.config.ConnectorConfig;
import io.danube.connect.api.Connector;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnectorChoiceTest {

    /** A connector that is only ever chosen, never run. */
    abstract static class ChosenOnly implements Connector {
        @Override
        public void initialize(ConnectorContext context) {
            throw new UnsupportedOperationException("only chosen");
        }
    }

    static final class ReadsMqtt extends ChosenOnly {
        @Override
        public Set<String> identifyingSections() {
            return Set.of("mqtt");
        }
    }

    static final class ReadsAuthAndRoutes extends ChosenOnly {
        @Override
        public Set<String> identifyingSections() {
            return Set.of("auth", "routes");
        }
    }

    static final class RecognisesNothing extends ChosenOnly {
    }

    private static ConnectorConfig configWithSections(String... names) {
        ConnectorConfig.Builder builder = ConnectorConfig.builder()
                .danubeServiceUrl("http://127.0.0.1:6650").connectorName("choice");
        for (String name : names) {
            builder.section(name, Map.of("key", "value"));
        }
        return builder.build();
    }

    @Test
    void connectorClassInTheFileWins() {
        ConnectorConfig config = ConnectorConfig.builder().danubeServiceUrl("http://127.0.0.1:6650")
                .connectorName("choice").connectorClass("com.example.Named").section("mqtt", Map.of()).build();

        assertThat(ConnectorChoice.choose(config, "com.example.FromEnv", List.of(new ReadsMqtt())))
                .isEqualTo("com.example.Named");
    }

    @Test
    void environmentNamesTheConnectorWhenTheFileDoesNot() {
        assertThat(ConnectorChoice.choose(configWithSections("mqtt"), "com.example.FromEnv", List.of(new ReadsMqtt())))
                .isEqualTo("com.example.FromEnv");
    }

    @Test
    void theOnlyRegisteredConnectorRunsWhateverTheSections() {
        assertThat(ConnectorChoice.choose(configWithSections("jdbc"), null, List.of(new RecognisesNothing())))
                .isEqualTo(RecognisesNothing.class.getName());
    }

    @Test
    void aRustConnectorFileWithoutConnectorClassFindsTheConnectorThatOwnsItsSections() {
        List<Connector> registered = List.of(new ReadsMqtt(), new ReadsAuthAndRoutes(), new RecognisesNothing());

        assertThat(ConnectorChoice.choose(configWithSections("mqtt"), null, registered))
                .isEqualTo(ReadsMqtt.class.getName());
        assertThat(ConnectorChoice.choose(configWithSections("server", "auth", "routes"), null, registered))
                .isEqualTo(ReadsAuthAndRoutes.class.getName());
    }

    @Test
    void sectionsThatMatchNoConnectorFailNamingConnectorClassAndTheCandidates() {
        List<Connector> registered = List.of(new ReadsMqtt(), new ReadsAuthAndRoutes());

        assertThatThrownBy(() -> ConnectorChoice.choose(configWithSections("auth"), "", registered))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("connector_class")
                .hasMessageContaining(ReadsMqtt.class.getName())
                .hasMessageContaining(ReadsAuthAndRoutes.class.getName());
    }

    @Test
    void noRegisteredConnectorFailsNamingConnectorClass() {
        assertThatThrownBy(() -> ConnectorChoice.choose(configWithSections("mqtt"), null, List.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("connector_class");
    }
}
