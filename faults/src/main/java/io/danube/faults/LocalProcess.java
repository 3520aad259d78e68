package io.danube.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A child process the suite started, with its output appended to a log file. {@link #kill()} is the fault (SIGKILL);
 * {@link #stop()} the graceful end (SIGTERM, then SIGKILL after a bound).
 */
final class LocalProcess implements AutoCloseable {

    private static final Duration STOP_BOUND = Duration.ofSeconds(20);

    private final String name;
    private final Process process;
    private final Path log;

    private LocalProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    static LocalProcess start(String name, List<String> command, Map<String, String> env, Path log) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        try {
            return new LocalProcess(name, builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + " (" + command.get(0) + ")", e);
        }
    }

    /** Java with this JVM's class path: the suite is built once and every process reuses it. */
    static List<String> java(String mainClass, List<String> args) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-Xmx384m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(args);
        return command;
    }

    boolean alive() {
        return process.isAlive();
    }

    int exitCode() {
        return process.exitValue();
    }

    /** The fault: SIGKILL, then waits until the process is gone. */
    void kill() {
        process.destroyForcibly();
        await(STOP_BOUND);
    }

    /** SIGTERM, SIGKILL if it has not ended within the bound. */
    void stop() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!await(STOP_BOUND)) {
            process.destroyForcibly();
            await(STOP_BOUND);
        }
    }

    /** Waits until something accepts connections on the loopback port, failing with the log's tail otherwise. */
    void awaitPort(int port, Duration timeout) {
        Deadline deadline = Deadline.in(timeout);
        while (!accepts(port)) {
            if (!process.isAlive()) {
                String tail = tail();
                throw new IllegalStateException(name + " ended with exit code " + process.exitValue()
                        + " before listening on " + port + ": " + tail.substring(tail.lastIndexOf('\n') + 1)
                        + " (log " + log + ")\n" + tail);
            }
            deadline.check(() -> name + " not listening on port " + port + "; log " + log + ":\n" + tail());
            deadline.pause(Duration.ofMillis(50));
        }
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    private boolean await(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    @Override
    public void close() {
        stop();
    }
}
