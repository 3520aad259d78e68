package io.danube.embedded;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedDanubeMainTest {

    @TempDir
    Path dir;

    @Test
    void parsesEveryOption() {
        var options = EmbeddedDanubeMain.Options.parse(new String[] {"--port", "0", "--host", "localhost",
                "--data-dir", "/tmp/x", "--namespace", "iot", "--auto-create-namespaces", "--namespace", "stripe",
                "--cluster-lookups"});
        assertThat(options).isEqualTo(new EmbeddedDanubeMain.Options(0, "localhost", Path.of("/tmp/x"),
                List.of("iot", "stripe"), true, true));
        assertThat(EmbeddedDanubeMain.Options.parse(new String[0]))
                .isEqualTo(new EmbeddedDanubeMain.Options(6650, "127.0.0.1", null, List.of(), false, false));
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> EmbeddedDanubeMain.Options.parse(new String[] {"--port", "abc"}))
                .hasMessageContaining("port must be a number");
        assertThatThrownBy(() -> EmbeddedDanubeMain.Options.parse(new String[] {"--port", "70000"}))
                .hasMessageContaining("0..65535");
        assertThatThrownBy(() -> EmbeddedDanubeMain.Options.parse(new String[] {"--port"}))
                .hasMessageContaining("needs a value");
        assertThatThrownBy(() -> EmbeddedDanubeMain.Options.parse(new String[] {"--colour", "blue"}))
                .hasMessageContaining("unknown option '--colour'");
    }

    private Process launch(String... args) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), EmbeddedDanubeMain.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(dir.resolve("stderr.txt").toFile()).start();
    }

    @Test
    void badArgumentsExitWithStatus2AndUsage() throws Exception {
        Process process = launch("--port", "nope");
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        String stderr = Files.readString(dir.resolve("stderr.txt"));
        assertThat(stderr).contains("error: port must be a number").contains("Usage:");
    }

    @Test
    void printsOneReadyLineAndStopsOnSigterm() throws Exception {
        Process process = launch("--port", "0", "--data-dir", dir.resolve("data").toString());
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String ready = out.readLine();
            assertThat(ready).matches("Danube embedded broker ready at http://127\\.0\\.0\\.1:\\d+");
            process.toHandle().destroy();
            assertThat(out.readLine()).as("nothing after the ready line").isNull();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            process.destroyForcibly();
        }
        assertThat(process.exitValue()).isEqualTo(143);
    }
}
