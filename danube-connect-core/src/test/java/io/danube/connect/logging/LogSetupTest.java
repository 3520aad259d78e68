package io.danube.connect.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LogSetupTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @AfterEach
    void restoreTestLogging() throws Exception {
        MDC.clear();
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        new ContextInitializer(context).autoConfig();
    }

    private List<JsonNode> lines() throws Exception {
        List<JsonNode> parsed = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                parsed.add(JSON.readTree(line));
            }
        }
        return parsed;
    }

    @Test
    void jsonLinesParseAndCarryLevelLoggerMessageConnectorTopicAndExchangeId() throws Exception {
        LogSetup.install(LogSetup.Format.JSON, Level.INFO, out);
        Logger log = LoggerFactory.getLogger("io.danube.connect.Example");
        MDC.put("connector", "orders-sink");
        MDC.put("topic", "/default/orders");
        MDC.put("camel.exchangeId", "ABC-1");

        log.info("batch of {} written", 3);
        log.error("write failed", new IllegalStateException("disk full"));

        List<JsonNode> lines = lines();
        assertThat(lines).hasSize(2);
        JsonNode first = lines.get(0);
        assertThat(first.get("level").asText()).isEqualTo("INFO");
        assertThat(first.get("logger").asText()).isEqualTo("io.danube.connect.Example");
        assertThat(first.get("message").asText()).isEqualTo("batch of 3 written");
        assertThat(first.get("connector").asText()).isEqualTo("orders-sink");
        assertThat(first.get("topic").asText()).isEqualTo("/default/orders");
        assertThat(first.get("camel.exchangeId").asText()).isEqualTo("ABC-1");
        assertThat(first.has("@timestamp")).isTrue();
        assertThat(lines.get(1).get("stack_trace").asText()).contains("disk full");
    }

    @Test
    void credentialsInsideUrlsAreMaskedInMessagesAndStackTraces() throws Exception {
        LogSetup.install(LogSetup.Format.JSON, Level.INFO, out);
        Logger log = LoggerFactory.getLogger("io.danube.connect.Example");

        log.info("writing to jdbc:postgresql://db/test?user=app&password=hunter2");
        log.error("connect failed", new IllegalStateException("cannot reach mqtt://bridge:pa55@broker:1883"));

        String written = out.toString(StandardCharsets.UTF_8);
        assertThat(written).doesNotContain("hunter2").doesNotContain("pa55");
        List<JsonNode> lines = lines();
        assertThat(lines.get(0).get("message").asText())
                .isEqualTo("writing to jdbc:postgresql://db/test?user=app&password=***");
        assertThat(lines.get(1).get("stack_trace").asText()).contains("mqtt://bridge:***@broker:1883");
    }

    @Test
    void logLevelEnvironmentVariableWinsOverTheConfiguredLevel() throws Exception {
        LogSetup.install(LogSetup.Format.JSON, LogSetup.chooseLevel(Map.of("LOG_LEVEL", "warn"), "debug"), out);
        Logger log = LoggerFactory.getLogger("io.danube.connect.Example");

        log.info("hidden");
        log.warn("shown");

        assertThat(lines()).extracting(line -> line.get("message").asText()).containsExactly("shown");
        assertThat(LogSetup.chooseLevel(Map.of(), "debug")).isEqualTo(Level.DEBUG);
    }

    @Test
    void jsonIsTheDefaultOffATerminalAndLogFormatForcesEither() {
        assertThat(LogSetup.chooseFormat(Map.of(), false)).isEqualTo(LogSetup.Format.JSON);
        assertThat(LogSetup.chooseFormat(Map.of(), true)).isEqualTo(LogSetup.Format.TEXT);
        assertThat(LogSetup.chooseFormat(Map.of("LOG_FORMAT", "json"), true)).isEqualTo(LogSetup.Format.JSON);
        assertThat(LogSetup.chooseFormat(Map.of("LOG_FORMAT", "text"), false)).isEqualTo(LogSetup.Format.TEXT);
        assertThatThrownBy(() -> LogSetup.chooseFormat(Map.of("LOG_FORMAT", "xml"), false))
                .hasMessageContaining("LOG_FORMAT");
    }
}
