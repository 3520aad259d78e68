package io.danube.connect.routes;

import io.danube.connect.launcher.ConnectLauncher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One route file run as operators run it: {@code java -cp <class path> ConnectLauncher run routes/<file>.yaml} in a
 * child JVM, with the given environment overrides on top of {@code routes/application.properties}.
 */
final class RouteProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private RouteProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static RouteProcess launch(Path routeFile, Map<String, String> environment, Path log) throws IOException {
        return launch(routeFile, environment, log, Path.of("").toAbsolutePath());
    }

    /** As {@link #launch(Path, Map, Path)}, in the given working directory (relative paths of the config resolve there). */
    static RouteProcess launch(Path routeFile, Map<String, String> environment, Path log, Path workingDirectory)
            throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                ConnectLauncher.class.getName(), "run", routeFile.toAbsolutePath().toString())
                .directory(workingDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().remove("LOG_LEVEL");
        builder.environment().put("LOG_FORMAT", "text");
        // Route files serve /metrics and /health on METRICS_PORT, 9090 by default, which another run may hold.
        builder.environment().put("METRICS_PORT", "0");
        builder.environment().putAll(environment);
        return new RouteProcess(builder.start(), log);
    }

    String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM, then expects a graceful exit with status 0. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        boolean exited = process.waitFor(40, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly();
        }
        assertThat(exited).as("stopped within 40 s after SIGTERM; output:%n%s", output()).isTrue();
        assertThat(process.exitValue()).as("exit status; output:%n%s", output()).isZero();
    }
}
