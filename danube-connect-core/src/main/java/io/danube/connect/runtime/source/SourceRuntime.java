package io.danube.connect.runtime.source;

import io.danube.connect.api.ConnectorException;
import io.danube.connect.api.ErrorCategory;
import io.danube.connect.api.Offset;
import io.danube.connect.api.ProducerConfig;
import io.danube.connect.api.SourceConnector;
import io.danube.connect.api.SourceMode;
import io.danube.connect.api.SourceRecord;
import io.danube.connect.config.ConfigException;
import io.danube.connect.config.ConnectorConfig;
import io.danube.connect.config.SchemaMapping;
import io.danube.connect.observability.ComponentHealth;
import io.danube.connect.runtime.ConnectorRuntime;
import io.danube.connect.runtime.RetryBackoff;
import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * Runs a {@link SourceConnector} as Camel routes: one route per {@link SourceConnector#producerConfigs() producer
 * config}, from {@code direct:} to a {@code danube:} producer (partitions, reliable dispatch, producer name
 * {@code <connector>-<topic>}, the topic's {@code [[schemas]]} entry). Records are routed by their topic and keyed
 * records go to the partition of their key's hash. Offsets are committed only after the broker accepted every record
 * sent before them. On stop the poll loop ends (or the streaming sender closes), records in flight are drained and
 * committed, the routes stop and the connector's {@code shutdown()} runs.
 */
public final class SourceRuntime extends ConnectorRuntime {

    private static final Logger LOG = LoggerFactory.getLogger(SourceRuntime.class);

    private final SourceConnector connector;
    private final List<String> routeIds = new ArrayList<>();
    private final List<AsyncProducer> routeProducers = new ArrayList<>();
    private ScheduledExecutorService retries;
    private ExecutorService committer;
    private RecordPipeline pipeline;
    private Thread pollLoop;
    private volatile boolean polling = true;

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
        Map<String, AsyncProducer> routesByTopic = new HashMap<>();
        try {
            startRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    errorHandler(noErrorHandler());
                    for (int i = 0; i < producers.size(); i++) {
                        ProducerConfig producer = producers.get(i);
                        String routeId = "danube-source-" + config.connectorName() + "-" + i;
                        routeIds.add(routeId);
                        from("direct:" + routeId).routeId(routeId)
                                .to(producerUri(producer, schemas.get(producer.topic())));
                    }
                }
            });
            for (int i = 0; i < producers.size(); i++) {
                AsyncProducer producer = camel.getEndpoint("direct:" + routeIds.get(i)).createAsyncProducer();
                ServiceHelper.startService(producer);
                routeProducers.add(producer);
                routesByTopic.put(producers.get(i).topic(), producer);
            }
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start the producer routes of connector " + config.connectorName()
                                            + ": " + e.getMessage(), e);
        }
        retries = Executors.newSingleThreadScheduledExecutor(daemon("source-retry-" + config.connectorName()));
        committer = Executors.newSingleThreadExecutor(daemon("source-commit-" + config.connectorName()));
        SourcePublisher publisher = new SourcePublisher(camel, routesByTopic, new RetryBackoff(config.retry()),
                retries, metrics);
        pipeline = new RecordPipeline(publisher, Math.max(1000, config.processing().batchSize()), committer,
                this::commit, this::failFatally, metrics);
        health.probe("danube", () -> publishHealth(publisher, producers.size()));
        if (connector.mode() == SourceMode.STREAMING) {
            connector.start(pipeline);
            LOG.info("Streaming source connector {} started", config.connectorName());
        } else {
            pollLoop = new Thread(this::pollUntilStopped, "source-poll-" + config.connectorName());
            pollLoop.start();
            LOG.info("Polling source connector {} started", config.connectorName());
        }
    }

    private ComponentHealth publishHealth(SourcePublisher publisher, int topics) {
        if (isFatal()) {
            return ComponentHealth.unhealthy("stopped after a fatal error");
        }
        Map<String, String> failing = publisher.failingTopics();
        return failing.isEmpty() ? ComponentHealth.healthy("publishing to " + topics + " topic(s)")
                : ComponentHealth.degraded("publishing is being retried: " + failing);
    }

    private String producerUri(ProducerConfig producer, SchemaMapping schema) {
        String name = config.connectorName() + "-" + producer.topic().replaceFirst("^/", "").replace('/', '-');
        StringBuilder uri = new StringBuilder("danube:").append(producer.topic())
                .append("?producerName=RAW(").append(name).append(")")
                .append("&partitions=").append(producer.partitions())
                .append("&dispatchStrategy=").append(producer.reliableDispatch() ? "Reliable" : "NonReliable");
        if (schema != null) {
            uri.append("&schemaSubject=RAW(").append(schema.subject()).append(")")
                    .append("&schemaVersionStrategy=").append(switch (schema.versionStrategy().kind()) {
                        case LATEST -> "Latest";
                        case PINNED -> "Pinned";
                        case MINIMUM -> "Minimum";
                    })
                    .append("&schemaVersion=").append(schema.versionStrategy().version());
        }
        return uri.toString();
    }

    private void pollUntilStopped() {
        MDC.put("connector", config.connectorName());
        RetryBackoff backoff = new RetryBackoff(config.retry());
        int failures = 0;
        while (polling) {
            List<SourceRecord> records;
            try {
                records = Optional.ofNullable(connector.poll()).orElse(List.of());
                failures = 0;
            } catch (RuntimeException e) {
                ErrorCategory category = ErrorCategory.of(e);
                metrics.error("*", category.label(), 1);
                if (category == ErrorCategory.FATAL) {
                    failFatally(e);
                    return;
                }
                failures++;
                Duration delay = backoff.delayBefore(Math.min(failures, 30));
                health.report("poll", ComponentHealth.degraded("poll failed " + failures + " time(s): "
                                                               + e.getMessage()));
                LOG.warn("poll() failed ({}), polling again in {} ms: {}", category.label(), delay.toMillis(),
                        e.getMessage(), e instanceof ConnectorException ? null : e);
                if (!RetryBackoff.pause(delay)) {
                    return;
                }
                continue;
            }
            health.report("poll", ComponentHealth.healthy("last poll succeeded"));
            if (records.isEmpty()) {
                if (!RetryBackoff.pause(config.processing().pollInterval())) {
                    return;
                }
                continue;
            }
            records.stream().map(SourceRecord::topic).distinct().forEach(topic -> metrics.batchSize(topic,
                    (int) records.stream().filter(r -> r.topic().equals(topic)).count()));
            try {
                for (SourceRecord record : records) {
                    pipeline.send(record);
                }
            } catch (RuntimeException e) {
                failFatally(e);
                return;
            }
        }
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
        polling = false;
        if (pipeline == null) {
            return;
        }
        try {
            connector.stop();
        } catch (RuntimeException e) {
            LOG.warn("Connector {} stop() failed: {}", config.connectorName(), e.getMessage(), e);
        }
        pipeline.close();
        try {
            if (pollLoop != null) {
                pollLoop.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                if (pollLoop.isAlive()) {
                    pollLoop.interrupt();
                }
            }
            if (!pipeline.awaitIdle(deadline)) {
                LOG.warn("Records of connector {} still in flight at the shutdown deadline; their offsets are not"
                         + " committed", config.connectorName());
            }
            retries.shutdownNow();
            committer.shutdown();
            committer.awaitTermination(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    protected void stopRoutes() {
        for (AsyncProducer producer : routeProducers) {
            ServiceHelper.stopService(producer);
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
        if (retries != null) {
            retries.shutdownNow();
        }
        if (committer != null) {
            committer.shutdownNow();
        }
        connector.shutdown();
    }

    @Override
    protected void connectorHealthCheck() {
        connector.healthCheck();
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
