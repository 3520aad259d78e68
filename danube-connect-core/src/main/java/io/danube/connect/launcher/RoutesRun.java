package io.danube.connect.launcher;

import io.danube.connect.config.ConfigException;
import io.danube.connect.config.ProcessingSettings;
import io.danube.connect.observability.CamelObservability;
import io.danube.connect.observability.ConnectorHealth;
import io.danube.connect.observability.ConnectorMetrics;
import io.danube.connect.observability.ObservabilityEndpoints;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A Camel YAML routes file run by camel-main, with the same observability as a connector run: camel-micrometer and
 * camel-health set up before the routes start, and {@code /metrics}, {@code /health}, {@code /health/live},
 * {@code /health/ready} on {@code METRICS_PORT} (default 9090, 0 = any free port, -1 = none), labelled with
 * {@code CONNECTOR_NAME} (default: the file name without extension).
 *
 * <p>Properties come from the {@code application.properties} beside the file and then from
 * {@code <file name without extension>.properties} beside it, which wins; both are optional.
 * {@code DANUBE_SERVICE_URL} overrides {@code camel.component.danube.serviceUrl}.
 */
final class RoutesRun {

    private final Path file;
    private final Map<String, String> environment;

    RoutesRun(Path routes, Map<String, String> environment) {
        this.file = routes.toAbsolutePath();
        this.environment = environment;
    }

    /** Runs until camel-main stops (a signal, or the routes' own end); returns camel-main's exit code. */
    int run() throws Exception {
        String baseName = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        Main main = new Main();
        main.configure().withRoutesIncludePattern("file:" + file);
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
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void beforeConfigure(BaseMainSupport configuring) {
                CamelObservability.install(configuring.getCamelContext());
            }
        });
        ShutdownHold.install(ProcessingSettings.DEFAULTS.shutdownTimeout());
        main.start();
        String name = environment.getOrDefault("CONNECTOR_NAME", "").isBlank() ? baseName
                : environment.get("CONNECTOR_NAME");
        ProcessingSettings processing = ProcessingSettings.DEFAULTS.withMetricsPort(metricsPort());
        ObservabilityEndpoints endpoints = null;
        try {
            if (processing.metricsPort() >= 0) {
                ConnectorHealth health = new ConnectorHealth(name, main.getCamelContext());
                ConnectorMetrics metrics = new ConnectorMetrics(name,
                        CamelObservability.install(main.getCamelContext()));
                metrics.bindHealth(health);
                endpoints = ObservabilityEndpoints.start(main.getCamelContext(), processing, health,
                        metrics.registry());
            }
            main.run();
        } finally {
            if (endpoints != null) {
                endpoints.close();
            }
            main.stop();
        }
        return main.getExitCode();
    }

    private int metricsPort() {
        String port = environment.getOrDefault("METRICS_PORT", "").trim();
        if (port.isEmpty()) {
            return ProcessingSettings.DEFAULTS.metricsPort();
        }
        try {
            return Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new ConfigException("processing.metrics_port", "METRICS_PORT must be a port number, got '" + port
                                                                 + "'");
        }
    }
}
