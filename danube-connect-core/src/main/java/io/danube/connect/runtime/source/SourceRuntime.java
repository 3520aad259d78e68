package io.danube.connect.runtime.source;

import io.danube.connect.api.ErrorCategory;
import io.danube.connect.api.Offset;
import io.danube.connect.api.ProducerConfig;
import io.danube.connect.api.SourceConnector;
import io.danube.connect.api.SourceMode;
import io.danube.connect.config.ConfigException;
import io.danube.connect.config.ConnectorConfig;
import io.danube.connect.config.SchemaMapping;
import io.danube.connect.observability.ComponentHealth;
import io.danube.connect.runtime.ConnectorRuntime;
import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs a {@link SourceConnector} as Camel routes. Each destination topic has a route from {@code direct:} to a
 * {@code danube:} producer ({@link PublishRoutes}); a polling source adds a {@code scheduler:} route that calls
 * {@code poll()} ({@link PollRoute}), a streaming source pushes records from its own Camel route or threads through the
 * {@link io.danube.connect.api.SourceSender}. Both go through one {@link RecordPipeline}: bounded in-flight records,
 * and offsets committed, in send order on one Camel-managed thread, only after the broker accepted every record sent
 * before them. On stop polling ends (or the streaming sender closes), records in flight are drained and committed,
 * the routes stop and the connector's {@code shutdown()} runs.
 */
public final class SourceRuntime extends ConnectorRuntime {

    private static final Logger LOG = LoggerFactory.getLogger(SourceRuntime.class);

    private final SourceConnector connector;
    private final List<String> routeIds = new ArrayList<>();
    private final List<AsyncProducer> routeInputs = new ArrayList<>();
    private ExecutorService committer;
    private ExecutorService handOver;
    private RecordPipeline pipeline;
    private PollRoute pollRoute;

    public SourceRuntime(SourceConnector connector, ConnectorConfig config) {
        this(connector, config, null);
    }

    /** Runs in {@code camel} (its {@code danube} component is used if present); it is not stopped by this runtime. */
    public SourceRuntime(SourceConnector connector, ConnectorConfig config, CamelContext camel) {
        super(config, camel);
        this.connector = connector;
    }

    @Override
    protected void startConnector() {
        Map<String, SchemaMapping> schemas = new SchemaRegistration(config).registerAll();
        initializeConnector(connector);
        List<ProducerConfig> producers = List.copyOf(connector.producerConfigs());
        if (producers.isEmpty()) {
            throw new ConfigException("producer_configs", "the source connector " + connector.getClass().getName()
                                                          + " declared no destination topic");
        }
        PublishFailures failures = new PublishFailures(metrics);
        SourcePublisher publisher = new SourcePublisher(config.connectorName(),
                startPublishRoutes(withDeadLetterTopics(producers), schemas, failures), failures, metrics);
        committer = camel.getExecutorServiceManager().newSingleThreadExecutor(this,
                "DanubeSourceCommit[" + config.connectorName() + "]");
        pipeline = new RecordPipeline(publisher, Math.max(1000, config.processing().batchSize()), committer,
                this::commit, this::failFatally, metrics);
        health.probe("danube", () -> publishHealth(failures, producers.size()));
        if (connector.mode() == SourceMode.STREAMING) {
            connector.start(pipeline);
            LOG.info("Streaming source connector {} started", config.connectorName());
        } else {
            handOver = camel.getExecutorServiceManager().newSingleThreadExecutor(this,
                    "DanubeSourceHandOver[" + config.connectorName() + "]");
            pollRoute = new PollRoute(config, connector, pipeline, handOver, metrics, health, this::failFatally);
            routeIds.add(pollRoute.routeId());
            addRoutes(pollRoute, "poll");
            LOG.info("Polling source connector {} started", config.connectorName());
        }
    }

    /** The connector's topics followed by the dead-letter topic of each (reliable, not partitioned). */
    private static List<ProducerConfig> withDeadLetterTopics(List<ProducerConfig> producers) {
        Map<String, ProducerConfig> byTopic = new LinkedHashMap<>();
        producers.forEach(producer -> byTopic.put(producer.topic(), producer));
        for (ProducerConfig producer : producers) {
            String dlq = SourcePublisher.deadLetterTopic(producer.topic());
            byTopic.putIfAbsent(dlq, new ProducerConfig(dlq, 0, true));
        }
        return List.copyOf(byTopic.values());
    }

    /** Starts a route per topic; returns each topic's started route input. */
    private Map<String, AsyncProducer> startPublishRoutes(List<ProducerConfig> producers,
                                                          Map<String, SchemaMapping> schemas,
                                                          PublishFailures failures) {
        PublishRoutes routes = new PublishRoutes(config.connectorName(), producers, schemas, config.retry(),
                failures::retrying);
        routeIds.addAll(routes.routeIds());
        addRoutes(routes, "producer");
        Map<String, AsyncProducer> inputs = new HashMap<>();
        routes.inputsByTopic().forEach((topic, uri) -> {
            try {
                AsyncProducer input = camel.getEndpoint(uri).createAsyncProducer();
                ServiceHelper.startService(input);
                routeInputs.add(input);
                inputs.put(topic, input);
            } catch (Exception e) {
                throw new IllegalStateException("Cannot open the producer route " + uri + " of connector "
                                                + config.connectorName() + ": " + e.getMessage(), e);
            }
        });
        return inputs;
    }

    private void addRoutes(RoutesBuilder routes, String kind) {
        try {
            startRoutes(routes);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start the " + kind + " routes of connector "
                                            + config.connectorName() + ": " + e.getMessage(), e);
        }
    }

    private ComponentHealth publishHealth(PublishFailures failures, int topics) {
        if (isFatal()) {
            return ComponentHealth.unhealthy("stopped after a fatal error");
        }
        return failures.oldest()
                .map(oldest -> ComponentHealth.degraded(PublishFailures.describe(oldest, failures.count())))
                .orElseGet(() -> ComponentHealth.healthy("publishing to " + topics + " topic(s)"));
    }

    private void commit(List<Offset> offsets) {
        try {
            connector.commit(offsets);
        } catch (RuntimeException e) {
            metrics.error("*", ErrorCategory.of(e).label(), 1);
            LOG.warn("commit() of {} offset(s) failed: {}", offsets.size(), e.getMessage(), e);
        }
    }

    @Override
    protected void drain(long deadline) {
        if (pollRoute != null) {
            pollRoute.stopPolling();
        }
        if (pipeline == null) {
            return;
        }
        if (pollRoute != null) {
            stopRoute(pollRoute.routeId(), deadline);
            camel.getExecutorServiceManager().shutdown(handOver);
        }
        try {
            connector.stop();
        } catch (RuntimeException e) {
            LOG.warn("Connector {} stop() failed: {}", config.connectorName(), e.getMessage(), e);
        }
        pipeline.close();
        try {
            if (!pipeline.awaitIdle(deadline)) {
                LOG.warn("Records of connector {} still in flight at the shutdown deadline; their offsets are not"
                         + " committed", config.connectorName());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        camel.getExecutorServiceManager().shutdownGraceful(committer, remainingMillis(deadline));
    }

    /** Stops a route, letting the exchange in progress finish until {@code deadline}. */
    private void stopRoute(String routeId, long deadline) {
        try {
            camel.getRouteController().stopRoute(routeId, remainingMillis(deadline), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.warn("Stopping route {} failed: {}", routeId, e.getMessage(), e);
        }
    }

    private static long remainingMillis(long deadline) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }

    @Override
    protected void stopRoutes() {
        for (AsyncProducer input : routeInputs) {
            ServiceHelper.stopService(input);
        }
        for (String routeId : routeIds) {
            try {
                camel.getRouteController().stopRoute(routeId);
                camel.removeRoute(routeId);
            } catch (Exception e) {
                LOG.warn("Stopping route {} failed: {}", routeId, e.getMessage(), e);
            }
        }
    }

    @Override
    protected void shutdownConnector() {
        Stream.of(handOver, committer).filter(Objects::nonNull)
                .forEach(camel.getExecutorServiceManager()::shutdownNow);
        connector.shutdown();
    }

    @Override
    protected void connectorHealthCheck() {
        connector.healthCheck();
    }
}
