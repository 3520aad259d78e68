package io.danube.connect.launcher;

import ch.qos.logback.classic.Level;
import io.danube.connect.api.SinkConnector;
import io.danube.connect.api.SourceConnector;
import io.danube.connect.config.ConfigException;
import io.danube.connect.config.ConnectorConfig;
import io.danube.connect.config.ConnectorConfigLoader;
import io.danube.connect.config.ProcessingSettings;
import io.danube.connect.config.SecretEnvironment;
import io.danube.connect.logging.LogSetup;
import io.danube.connect.runtime.ConnectorRuntime;
import io.danube.connect.runtime.sink.SinkRuntime;
import io.danube.connect.runtime.source.SourceRuntime;
import org.apache.camel.main.Main;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;

/**
 * Entry point of {@code ./danube-connect run}: runs a connector config ({@code .toml}, {@code .properties}, or a
 * {@code .yaml} mapping with the core keys) with the SDK runtime, or a Camel YAML routes file (a list) with
 * camel-main. SIGTERM and SIGINT stop gracefully.
 *
 * <p>Exit codes: 0 after a graceful stop, 1 after a fatal connector error or a failed start, 2 for a usage or
 * configuration error, 3 when the graceful stop exceeded {@code shutdown_timeout_ms}.
 */
public final class ConnectLauncher {

    public static final int EXIT_USAGE = 2;
    public static final int EXIT_SHUTDOWN_TIMEOUT = 3;

    private final Map<String, String> environment;
    private final PrintStream err;

    ConnectLauncher(Map<String, String> environment, PrintStream err) {
        this.environment = environment;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new ConnectLauncher(System.getenv(), System.err).launch(args));
    }

    int launch(String[] args) {
        if (args.length == 0 || List.of("-h", "--help", "help").contains(args[0])) {
            usage(System.out);
            return 0;
        }
        if (!args[0].equals("run") || args.length > 2) {
            usage(err);
            return EXIT_USAGE;
        }
        String file = args.length == 2 ? args[1] : environment.get("CONNECTOR_CONFIG_PATH");
        if (file == null || file.isBlank()) {
            err.println("danube-connect: run needs a config file (or CONNECTOR_CONFIG_PATH)");
            return EXIT_USAGE;
        }
        Path path = Path.of(file);
        if (!Files.isRegularFile(path)) {
            err.println("danube-connect: no such file: " + path);
            return EXIT_USAGE;
        }
        LogSetup.install(LogSetup.chooseFormat(environment, System.console() != null),
                LogSetup.chooseLevel(environment, "info"), System.out);
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if ((name.endsWith(".yaml") || name.endsWith(".yml")) && !isConnectorYaml(path)) {
            return runRoutes(path);
        }
        try {
            return runConnector(path);
        } catch (RuntimeException e) {
            StartFailure failure = StartFailure.of(e);
            Logger log = LoggerFactory.getLogger(ConnectLauncher.class);
            log.error("{}", failure.message());
            log.debug("The start failure in full", e);
            return failure.configError() ? EXIT_USAGE : ConnectorRuntime.EXIT_FATAL;
        }
    }

    private static boolean isConnectorYaml(Path path) {
        try {
            return ConnectorConfigLoader.isConnectorYaml(Files.readString(path));
        } catch (IOException e) {
            return false;
        }
    }

    private int runConnector(Path path) {
        ConnectorConfigLoader loader = new ConnectorConfigLoader(environment);
        ConnectorConfig bare = loader.load(path);
        Object connector = instantiate(connectorClass(bare));
        ConnectorConfig config = connector instanceof SecretEnvironment secrets
                ? loader.load(path, secrets.secretEnvironment()) : bare;
        Level level = LogSetup.chooseLevel(environment, config.processing().logLevel());
        LogSetup.setLevel(level);
        ConnectorRuntime runtime;
        if (connector instanceof SinkConnector sink) {
            runtime = new SinkRuntime(sink, config);
        } else if (connector instanceof SourceConnector source) {
            runtime = new SourceRuntime(source, config);
        } else {
            throw new ConfigException("connector_class", connector.getClass().getName()
                                                         + " implements neither SourceConnector nor SinkConnector");
        }
        onStopSignal(config.processing().shutdownTimeout(), runtime::requestStop);
        try {
            return runtime.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return runtime.stop();
        }
    }

    /** Replaces the JVM's SIGTERM/SIGINT handling: {@code stop} runs once, under a watchdog, and the process exits 0. */
    private static void onStopSignal(Duration shutdownTimeout, Runnable stop) {
        Logger log = LoggerFactory.getLogger(ConnectLauncher.class);
        ShutdownWatchdog watchdog = new ShutdownWatchdog(shutdownTimeout, log);
        for (String signal : List.of("TERM", "INT")) {
            Signal.handle(new Signal(signal), received -> {
                log.info("Received SIG{}, stopping gracefully", received.getName());
                watchdog.arm();
                stop.run();
            });
        }
    }

    private String connectorClass(ConnectorConfig config) {
        List<Object> registered = new ArrayList<>();
        ServiceLoader.load(SinkConnector.class).forEach(registered::add);
        ServiceLoader.load(SourceConnector.class).forEach(registered::add);
        return ConnectorChoice.choose(config, environment.get("CONNECTOR_CLASS"), registered);
    }

    private static Object instantiate(String className) {
        try {
            return Class.forName(className).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new ConfigException("connector_class", "cannot instantiate " + className + " with a public no-arg"
                                                         + " constructor: " + e, e);
        }
    }

    /**
     * Runs the routes file with camel-main. Its properties come from the {@code application.properties} beside the
     * file and then from {@code <file name without extension>.properties} beside it, which wins; both are optional.
     * {@code DANUBE_SERVICE_URL} overrides {@code camel.component.danube.serviceUrl}.
     */
    private int runRoutes(Path routes) {
        Main main = new Main();
        Path file = routes.toAbsolutePath();
        main.configure().withRoutesIncludePattern("file:" + file);
        String baseName = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        // Camel resolves a key from the first location that has it.
        List<String> locations = Stream.of(baseName + ".properties", "application.properties")
                .map(file::resolveSibling)
                .filter(Files::isRegularFile)
                .map(properties -> "file:" + properties)
                .toList();
        if (!locations.isEmpty()) {
            main.setPropertyPlaceholderLocations(String.join(",", locations));
        }
        String serviceUrl = environment.get("DANUBE_SERVICE_URL");
        if (serviceUrl != null && !serviceUrl.isBlank()) {
            main.addOverrideProperty("camel.component.danube.serviceUrl", serviceUrl);
        }
        onStopSignal(ProcessingSettings.DEFAULTS.shutdownTimeout(), main::completed);
        try {
            return main.run(new String[0]);
        } catch (Exception e) {
            LoggerFactory.getLogger(ConnectLauncher.class).error("Routes {} failed: {}", routes, e.getMessage(), e);
            return ConnectorRuntime.EXIT_FATAL;
        }
    }

    private static void usage(PrintStream out) {
        out.println("""
                Usage: danube-connect run <connector.toml|connector.properties|routes.yaml>

                  connector.toml / .properties  run the connector named by connector_class (or CONNECTOR_CLASS,
                                                or the only connector registered as a service) with the SDK runtime
                  routes.yaml                   run Camel YAML routes with camel-main; properties from the
                                                application.properties and then routes.properties beside the file
                The file may also come from CONNECTOR_CONFIG_PATH. Environment: DANUBE_SERVICE_URL, CONNECTOR_NAME,
                LOG_LEVEL, LOG_FORMAT (json|text). Exit codes: 0 stopped, 1 fatal, 2 bad usage or config,
                3 graceful stop timed out.""");
    }
}
