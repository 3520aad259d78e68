package io.danube.connect.demo;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressLineTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private String output() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theLineShowsTheThreeStages() {
        assertThat(ProgressLine.format(Duration.ofSeconds(12), new Counts(1200, 0, 1190, 1100)))
                .isEqualTo("  12s  published to MQTT 1,200  ->  in Danube 1,190  ->  rows in the table 1,100");
    }

    @Test
    void readingsPostedToTheWebhookAreShownOnceThereAreAny() {
        assertThat(ProgressLine.format(Duration.ofSeconds(3), new Counts(30, 2, 32, 31)))
                .isEqualTo("   3s  published to MQTT 30 (+2 via webhook)  ->  in Danube 32  ->  rows in the table 31");
    }

    @Test
    void onATerminalTheLineIsRewrittenInPlace() {
        ProgressLine line = new ProgressLine(out, true);

        line.show(Duration.ofSeconds(1), new Counts(10, 0, 10, 10));
        line.show(Duration.ofSeconds(2), new Counts(20, 0, 20, 20));
        line.finish();

        assertThat(output()).startsWith("\r   1s").contains("\r   2s").endsWith(System.lineSeparator())
                .doesNotContain(System.lineSeparator() + "\r");
    }

    @Test
    void elsewhereALineIsPrintedEveryFiveSeconds() {
        ProgressLine line = new ProgressLine(out, false);

        for (int second = 0; second <= 10; second++) {
            line.show(Duration.ofSeconds(second), new Counts(second, 0, second, second));
        }

        assertThat(output().lines()).hasSize(3).allSatisfy(text -> assertThat(text).doesNotContain("\r"));
    }
}
