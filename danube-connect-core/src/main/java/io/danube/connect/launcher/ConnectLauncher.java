package io.danube.connect.launcher;

import ch.qos.logback.classic.Level;
import io.danube.connect.api.Connector;
import io.danube.connect.api.SinkConnector;
import io.danube.connect.api.SourceConnector;
import io.danube.connect.config.ConfigException;
import io.danube.connect.config.ConnectorConfig;
import io.danube.connect.config.ConnectorConfigLoader;
import io.danube.connect.logging.LogSetup;
import io.danube.connect.runtime.ConnectorRuntime;
import io.danube.connect.runtime.sink.SinkRuntime;
import io.danube.connect.runtime.source.SourceRuntime;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Entry point of {@code ./danube-connect run}: runs a connector config ({@code .toml}, {@code .properties}, or a
 * {@code .yaml} mapping with the core keys) or a Camel YAML routes file (a list), both in camel-main ({@link Main}):
 * camel-main's shutdown strategy turns SIGTERM and SIGINT into a graceful stop within {@code shutdown_timeout_ms}
 * ({@code camel.main.shutdownTimeout}, forced after it), and both serve the same {@code /metrics} and
 * {@code /health} ({@link RoutesRun}, {@link ConnectorRuntime}).
 *
 * <p>Exit codes: 0 after a graceful stop, 1 after a fatal connector error or a failed start, 2 for a usage or
 * configuration error.
 */
public final class ConnectLauncher {

    public static final int EXIT_USAGE = 2;

    private static final Logger LOG = LoggerFactory.getLogger(ConnectLauncher.class);

    private final Map<String, String> environment;
    private final PrintStream err;

    ConnectLauncher(Map<String, String> environment, PrintStream err) {
        this.environment = environment;
        this.err = err;
    }

    public static void main(String[] args) {
        int code = new ConnectLauncher(System.getenv(), System.err).launch(args);
        System.out.flush();
        System.err.flush();
        // launch returns once camel-main stopped the context. When a signal started that stop the JVM is already
        // running its shutdown hooks (ShutdownHold among them): System.exit would block there, halt ends the process
        // with the run's exit code.
        Runtime.getRuntime().halt(code);
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
        try {
            if ((name.endsWith(".yaml") || name.endsWith(".yml")) && !isConnectorYaml(path)) {
                return new RoutesRun(path, environment).run();
            }
            return runConnector(path);
        } catch (Exception e) {
            StartFailure failure = StartFailure.of(e);
            LOG.error("{}", failure.message());
            LOG.debug("The start failure in full", e);
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

    private int runConnector(Path path) throws Exception {
        ConnectorConfigLoader loader = new ConnectorConfigLoader(environment);
        Connector connector = instantiate(connectorClass(loader.load(path)));
        ConnectorConfig config = loader.load(path, connector.secretEnvironment());
        Level level = LogSetup.chooseLevel(environment, config.processing().logLevel());
        LogSetup.setLevel(level);
        Main main = new Main();
        // The connector file is the whole configuration: no application.properties from the class path.
        main.setDefaultPropertyPlaceholderLocation("false");
        main.addOverrideProperty("camel.main.name", config.connectorName());
        main.addOverrideProperty("camel.main.shutdownTimeout",
                String.valueOf(Math.max(1, config.processing().shutdownTimeout().toSeconds())));
        main.addOverrideProperty("camel.component.danube.serviceUrl", config.danubeServiceUrl());
        ShutdownHold.install(config.processing().shutdownTimeout());
        main.start();
        ConnectorRuntime runtime = runtime(connector, config, main.getCamelContext());
        runtime.onStopRequest(main::completed);
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void beforeStop(BaseMainSupport stopping) {
                runtime.stop();
            }
        });
        try {
            runtime.start();
            main.run();
        } finally {
            runtime.stop();
            main.stop();
        }
        return runtime.exitCode();
    }

    private static ConnectorRuntime runtime(Connector connector, ConnectorConfig config, CamelContext camel) {
        if (connector instanceof SinkConnector sink) {
            return new SinkRuntime(sink, config, camel);
        }
        if (connector instanceof SourceConnector source) {
            return new SourceRuntime(source, config, camel);
        }
        throw new ConfigException("connector_class", connector.getClass().getName()
                                                     + " implements neither SourceConnector nor SinkConnector");
    }

    private String connectorClass(ConnectorConfig config) {
        List<Connector> registered = new ArrayList<>();
        ServiceLoader.load(SinkConnector.class).forEach(registered::add);
        ServiceLoader.load(SourceConnector.class).forEach(registered::add);
        return ConnectorChoice.choose(config, environment.get("CONNECTOR_CLASS"), registered);
    }

    private static Connector instantiate(String className) {
        Object instance;
        try {
            instance = Class.forName(className).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new ConfigException("connector_class", "cannot instantiate " + className + " with a public no-arg"
                                                         + " constructor: " + e, e);
        }
        if (instance instanceof Connector connector) {
            return connector;
        }
        throw new ConfigException("connector_class", className + " implements neither SourceConnector nor"
                                                     + " SinkConnector");
    }

    private static void usage(PrintStream out) {
        out.println("""
                Usage: danube-connect run <connector.toml|connector.properties|routes.yaml>

                  connector.toml / .properties  run the connector named by connector_class (or CONNECTOR_CLASS,
                                                or the only connector registered as a service) with the SDK runtime
                  routes.yaml                   run Camel YAML routes with camel-main; properties from the
                                                application.properties and then routes.properties beside the file
                Both run in camel-main and serve /metrics, /health, /health/live and /health/ready on
                processing.metrics_port (METRICS_PORT, default 9090). The file may also come from
                CONNECTOR_CONFIG_PATH. Environment: DANUBE_SERVICE_URL, CONNECTOR_NAME, METRICS_PORT, LOG_LEVEL,
                LOG_FORMAT (json|text). Exit codes: 0 stopped, 1 fatal, 2 bad usage or config.""");
    }
}
