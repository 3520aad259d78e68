package io.danube.connect.runtime;

import io.danube.camel.DanubeComponent;
import io.danube.connect.api.Connector;
import io.danube.connect.api.ConnectorContext;
import io.danube.connect.config.ConnectorConfig;
import io.danube.connect.config.ProcessingSettings;
import io.danube.connect.observability.ComponentHealth;
import io.danube.connect.observability.ConnectorHealth;
import io.danube.connect.observability.ConnectorMetrics;
import io.danube.connect.observability.ObservabilityEndpoints;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What source and sink runtimes share: the Camel context with its {@code danube} component, the
 * {@link ConnectorContext} handed to the connector (metrics in camel-micrometer's registry, health in Camel's
 * health-check registry), {@code /metrics} and {@code /health} on Camel's management HTTP server, the periodic
 * connector health check on a Camel scheduled pool, and the stop protocol.
 *
 * <p>The launcher runs a runtime inside camel-main's context (camel-main's shutdown strategy handles SIGTERM and
 * SIGINT and calls {@link #stop()} before it stops the context); embedded, a runtime creates and owns its own context.
 * {@link #run()} starts, blocks until a stop is requested (by {@link #requestStop()} or a fatal error) and stops
 * gracefully; it returns the process exit code: 0 after a requested stop, 1 after a fatal error.
 */
public abstract class ConnectorRuntime {

    /** Exit code after a requested, graceful stop. */
    public static final int EXIT_OK = 0;
    /** Exit code after a fatal connector error, so an orchestrator restarts the connector. */
    public static final int EXIT_FATAL = 1;

    private static final Logger LOG = LoggerFactory.getLogger(ConnectorRuntime.class);

    protected final ConnectorConfig config;
    protected final ConnectorMetrics metrics;
    protected final ConnectorHealth health;
    protected final CamelContext camel;
    private final ConnectorContext context;
    private final boolean ownsCamel;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final List<Runnable> stopRequestListeners = new CopyOnWriteArrayList<>();
    private final AtomicReference<Throwable> fatalError = new AtomicReference<>();
    private final AtomicInteger consecutiveHealthFailures = new AtomicInteger();
    private ObservabilityEndpoints endpoints;
    private ScheduledExecutorService healthChecks;
    private boolean started;
    private boolean stopped;

    /**
     * @param camel a context to run in (camel-main's; its {@code danube} component is used if it has one), or null
     *              for a new one that this runtime owns
     */
    protected ConnectorRuntime(ConnectorConfig config, CamelContext camel) {
        this.config = config;
        this.ownsCamel = camel == null;
        this.camel = camel != null ? camel : new DefaultCamelContext();
        if (ownsCamel) {
            this.camel.getShutdownStrategy().setTimeout(Math.max(1, config.processing().shutdownTimeout().toSeconds()));
        }
        this.camel.setUseMDCLogging(true);
        if (this.camel.hasComponent("danube") == null) {
            DanubeComponent component = new DanubeComponent();
            component.getConfiguration().setServiceUrl(config.danubeServiceUrl());
            this.camel.addComponent("danube", component);
        }
        this.context = ConnectorContext.of(config, this.camel);
        this.metrics = context.metrics();
        this.health = context.health();
        metrics.bindHealth(health);
    }

    public final ConnectorMetrics metrics() {
        return metrics;
    }

    public final ConnectorHealth health() {
        return health;
    }

    public final CamelContext camelContext() {
        return camel;
    }

    /** The context handed to the connector's {@code initialize}. */
    public final ConnectorContext connectorContext() {
        return context;
    }

    /** The port {@code /metrics} and {@code /health} are served on, or -1 when the server is disabled. */
    public final synchronized int httpPort() {
        return endpoints == null ? -1 : endpoints.port();
    }

    /**
     * Starts the connector and its routes; throws (after cleaning up) if anything fails on the way. The failure is
     * logged here only at DEBUG, with its stack trace: reporting it is the caller's job.
     */
    public final synchronized void start() {
        if (started) {
            throw new IllegalStateException("Runtime of connector " + config.connectorName() + " already started");
        }
        started = true;
        MDC.put("connector", config.connectorName());
        try {
            health.report("connector", ComponentHealth.unhealthy("not checked yet"));
            startConnector();
            scheduleHealthChecks(config.processing().healthCheckInterval());
            LOG.info("Connector {} started", config.connectorName());
        } catch (RuntimeException e) {
            LOG.debug("Connector {} failed to start", config.connectorName(), e);
            closeResources();
            stopped = true;
            throw e;
        }
    }

    /**
     * Asks the runtime to stop; {@link #run()} (or camel-main, through the listener given to
     * {@link #onStopRequest}) then stops gracefully. Safe from any thread.
     */
    public final void requestStop() {
        if (stopRequested.getCount() > 0) {
            stopRequested.countDown();
            stopRequestListeners.forEach(Runnable::run);
        }
    }

    /** Runs {@code listener} when a stop is requested (a fatal error): camel-main's {@code completed()}. */
    public final void onStopRequest(Runnable listener) {
        stopRequestListeners.add(listener);
    }

    /** Waits until a stop was requested, at most {@code timeout}; returns whether one was. */
    public final boolean awaitStopRequest(Duration timeout) throws InterruptedException {
        return stopRequested.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The fatal error that ended the run, if any. */
    public final Throwable fatalError() {
        return fatalError.get();
    }

    /** Starts, waits for a stop request, stops gracefully and returns the exit code. */
    public final int run() throws InterruptedException {
        start();
        stopRequested.await();
        return stop();
    }

    /**
     * Stops gracefully: stops taking in new work, drains and settles what was taken in, stops the routes, calls the
     * connector's {@code shutdown()}. Returns {@link #exitCode()}.
     */
    public final synchronized int stop() {
        if (stopped) {
            return exitCode();
        }
        stopped = true;
        requestStop();
        LOG.info("Stopping connector {}", config.connectorName());
        long deadline = System.nanoTime() + config.processing().shutdownTimeout().toNanos();
        try {
            drain(deadline);
        } catch (RuntimeException e) {
            LOG.error("Draining connector {} failed: {}", config.connectorName(), e.getMessage(), e);
        }
        closeResources();
        LOG.info("Connector {} stopped", config.connectorName());
        return exitCode();
    }

    /** {@link #EXIT_FATAL} if a fatal error occurred, else {@link #EXIT_OK}. */
    public final int exitCode() {
        return fatalError.get() == null ? EXIT_OK : EXIT_FATAL;
    }

    private void closeResources() {
        if (healthChecks != null) {
            camel.getExecutorServiceManager().shutdownNow(healthChecks);
        }
        try {
            if (ownsCamel) {
                camel.stop();
            } else {
                stopRoutes();
            }
        } catch (RuntimeException e) {
            LOG.warn("Stopping the routes of connector {} failed: {}", config.connectorName(), e.getMessage(), e);
        }
        try {
            shutdownConnector();
        } catch (RuntimeException e) {
            LOG.warn("Connector {} shutdown() failed: {}", config.connectorName(), e.getMessage(), e);
        }
        if (endpoints != null) {
            endpoints.close();
        }
        MDC.remove("connector");
    }

    /** Records a fatal error and requests a stop; the run then exits with {@link #EXIT_FATAL}. */
    protected final void failFatally(Throwable error) {
        if (fatalError.compareAndSet(null, error)) {
            LOG.error("Fatal error in connector {}, shutting down: {}", config.connectorName(), error.getMessage(),
                    error);
            health.report("runtime", ComponentHealth.unhealthy("fatal error: " + error.getMessage()));
        }
        requestStop();
    }

    protected final boolean isFatal() {
        return fatalError.get() != null;
    }

    /** Runs the connector's {@code healthCheck()} every {@code interval} on a pool of the Camel context. */
    private void scheduleHealthChecks(Duration interval) {
        healthChecks = camel.getExecutorServiceManager().newSingleThreadScheduledExecutor(this,
                "ConnectorHealthCheck-" + config.connectorName());
        healthChecks.scheduleWithFixedDelay(this::checkConnectorHealth, 0, interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void checkConnectorHealth() {
        try {
            connectorHealthCheck();
            consecutiveHealthFailures.set(0);
            health.report("connector", ComponentHealth.healthy("health check passed"));
        } catch (RuntimeException e) {
            int failures = consecutiveHealthFailures.incrementAndGet();
            String detail = "health check failed " + failures + " time(s) in a row: " + e.getMessage();
            LOG.warn("Connector {} {}", config.connectorName(), detail);
            health.report("connector", failures >= config.processing().healthCheckFailureThreshold()
                    ? ComponentHealth.unhealthy(detail) : ComponentHealth.degraded(detail));
        }
    }

    /**
     * Runs the connector's {@code initialize} with the {@link ConnectorContext}, fails on any config section it left
     * unread, then serves {@code /metrics} and {@code /health}: a port clash never hides a config error.
     */
    protected final void initializeConnector(Connector connector) {
        connector.initialize(context);
        config.requireAllSectionsRead();
        serveObservability(config.processing());
    }

    /** Serves {@code /metrics} and {@code /health}; only once the whole config is known to be valid. */
    private synchronized void serveObservability(ProcessingSettings processing) {
        if (processing.metricsPort() < 0) {
            return;
        }
        if (!camel.isStarted()) {
            camel.start();
        }
        endpoints = ObservabilityEndpoints.start(camel, processing, health, metrics.registry());
        LOG.info("Serving /metrics and /health on {}:{}", processing.metricsHost(), endpoints.port());
    }

    /**
     * Adds {@code routes} to the running Camel context (started first when it is not yet), which starts them: a
     * route that fails to start (a broker refusing a producer) fails this call without Camel logging the context's
     * start as failed, so the launcher reports it once.
     */
    protected final void startRoutes(RoutesBuilder routes) throws Exception {
        if (!camel.isStarted()) {
            camel.start();
        }
        camel.addRoutes(routes);
    }

    /** Creates the routes and starts the connector. */
    protected abstract void startConnector();

    /** Stops taking in new work and settles what was taken in, before {@code deadline} ({@link System#nanoTime()}). */
    protected abstract void drain(long deadline);

    /** Stops this runtime's routes when the Camel context belongs to the caller. */
    protected abstract void stopRoutes();

    /** Calls the connector's {@code shutdown()}. */
    protected abstract void shutdownConnector();

    /** Calls the connector's {@code healthCheck()}. */
    protected abstract void connectorHealthCheck();
}
