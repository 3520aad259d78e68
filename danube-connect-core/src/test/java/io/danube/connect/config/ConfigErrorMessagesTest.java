package io.danube.connect.config;

import io.danube.connect.config.ConnectorConfigLoader.Format;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Config mistakes a newcomer makes, reported where they are and in the project's words. */
class ConfigErrorMessagesTest {

    private static final String MINIMAL = """
            danube_service_url = "http://broker:6650"
            connector_name = "errors"
            """;

    record Gauge(String name, Integer threshold, Boolean enabled, Double ratio, List<String> tags) {
    }

    private final ConnectorConfigLoader loader = new ConnectorConfigLoader(Map.of());

    @Test
    void tomlSyntaxErrorGivesLineAndColumn() {
        assertThatThrownBy(() -> loader.parse(MINIMAL + "[processing]\nbatch_size = = 3\n", Format.TOML, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid configuration file: TOML syntax error at line 4, column 14: Unknown token in"
                            + " `batch_size = = 3`");
    }

    @Test
    void tomlDuplicateKeyIsNamedWithItsLine() {
        assertThatThrownBy(() -> loader.parse(MINIMAL + "[processing]\nbatch_size = 3\nbatch_size = 4\n", Format.TOML,
                Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid configuration key 'processing.batch_size': TOML syntax error at line 5: duplicate"
                            + " key, already set earlier in the file");
    }

    @Test
    void yamlSyntaxErrorGivesLineAndColumn() {
        assertThatThrownBy(() -> loader.parse("""
                danube_service_url: http://broker:6650
                connector_name: errors
                processing:
                  batch_size: [1, 2
                """, Format.YAML, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid configuration file: YAML syntax error at line 4, column 20: expected ',' or ']',"
                            + " but got <stream end>, while parsing a flow sequence in `batch_size: [1, 2`");
    }

    @Test
    void yamlDuplicateKeyIsNamedWithItsLine() {
        assertThatThrownBy(() -> loader.parse("""
                danube_service_url: http://broker:6650
                connector_name: errors
                connector_name: again
                """, Format.YAML, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Invalid configuration key 'connector_name': YAML syntax error at line 3,")
                .hasMessageEndingWith(": duplicate key, already set earlier in the file");
    }

    @Test
    void coreKeyOfTheWrongTypeNamesTheKeyAndTheExpectedType() {
        assertThatThrownBy(() -> loader.parse(MINIMAL + "[processing]\nbatch_size = \"eighteen\"\n", Format.TOML,
                Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid configuration key 'processing.batch_size': expected an integer, got \"eighteen\"");
    }

    @Test
    void sectionKeyOfTheWrongTypeNamesTheKeyAndTheExpectedTypeInOurWords() {
        ConnectorConfig config = loader.parse(MINIMAL + "[gauge]\nthreshold = \"eighteen\"\n", Format.TOML, Map.of());

        assertThatThrownBy(() -> config.section("gauge", Gauge.class))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid configuration key 'gauge.threshold': expected an integer, got \"eighteen\"");
    }

    @Test
    void sectionKeysOfOtherWrongTypesSayWhatWasExpected() {
        assertThatThrownBy(() -> loader.parse(MINIMAL + "[gauge]\nenabled = \"maybe\"\n", Format.TOML, Map.of())
                .section("gauge", Gauge.class))
                .hasMessage("Invalid configuration key 'gauge.enabled': expected true or false, got \"maybe\"");
        assertThatThrownBy(() -> loader.parse(MINIMAL + "[gauge]\nratio = \"half\"\n", Format.TOML, Map.of())
                .section("gauge", Gauge.class))
                .hasMessage("Invalid configuration key 'gauge.ratio': expected a number, got \"half\"");
        assertThatThrownBy(() -> loader.parse(MINIMAL + "[gauge]\nname = { first = 1 }\n", Format.TOML, Map.of())
                .section("gauge", Gauge.class))
                .hasMessage("Invalid configuration key 'gauge.name': expected a string, got a table");
    }
}
