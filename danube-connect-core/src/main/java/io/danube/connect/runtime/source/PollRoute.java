package io.danube.connect.runtime.source;

import io.danube.connect.api.ErrorCategory;
import io.danube.connect.api.FatalException;
import io.danube.connect.api.SourceConnector;
import io.danube.connect.api.SourceRecord;
import io.danube.connect.api.SourceSender;
import io.danube.connect.config.ConnectorConfig;
import io.danube.connect.observability.ComponentHealth;
import io.danube.connect.observability.ConnectorHealth;
import io.danube.connect.observability.ConnectorMetrics;
import io.danube.connect.runtime.RetryRedelivery;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.MDC;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The route of a polling source: a {@code scheduler:} endpoint calls {@link SourceConnector#poll()} every
 * {@code poll_interval_ms}, and again at once while polls return records (greedy). The records are handed to the
 * sender in order on the {@code handOver} thread, because sends made from inside a route step are queued on the route
 * thread's reactive executor and would start in reverse order. A failed poll is redelivered by the route's error
 * handler with the {@code [retry]} backoff until it succeeds or the route stops; any failure to hand a record over is
 * a {@link FatalException} (never redelivered, so no record is sent twice) and, like one from {@code poll()}, ends
 * polling and goes to {@code fatal}.
 */
final class PollRoute extends RouteBuilder {

    private static final String RECORDS = "DanubeSourcePolledRecords";

    private final String routeId;
    private final ConnectorConfig config;
    private final SourceConnector connector;
    private final SourceSender sender;
    private final ConnectorMetrics metrics;
    private final ConnectorHealth health;
    private final Consumer<Throwable> fatal;
    private final ExecutorService handOver;
    private volatile boolean polling = true;

    PollRoute(ConnectorConfig config, SourceConnector connector, SourceSender sender, ExecutorService handOver,
              ConnectorMetrics metrics, ConnectorHealth health, Consumer<Throwable> fatal) {
        this.routeId = "danube-source-" + config.connectorName() + "-poll";
        this.config = config;
        this.connector = connector;
        this.sender = sender;
        this.metrics = metrics;
        this.health = health;
        this.fatal = fatal;
        this.handOver = handOver;
    }

    String routeId() {
        return routeId;
    }

    /** Polls no more; the poll in progress still hands its records over. */
    void stopPolling() {
        polling = false;
    }

    @Override
    public void configure() {
        onException(FatalException.class).maximumRedeliveries(0).handled(true).process(this::fatal);
        errorHandler(RetryRedelivery.errorHandler(config.retry(), -1)
                .allowRedeliveryWhileStopping(false)
                .onRedelivery(this::pollFailed));
        from("scheduler:" + routeId + "?initialDelay=0&greedy=true&delay="
             + config.processing().pollInterval().toMillis())
                .routeId(routeId)
                .process(this::poll)
                .process(this::handOver);
    }

    private void poll(Exchange exchange) {
        List<SourceRecord> records = List.of();
        if (polling) {
            MDC.put("connector", config.connectorName());
            records = Optional.ofNullable(connector.poll()).orElse(List.of());
            health.report("poll", ComponentHealth.healthy("last poll succeeded"));
        }
        exchange.setProperty(Exchange.SCHEDULER_POLLED_MESSAGES, !records.isEmpty());
        exchange.setProperty(RECORDS, records);
        records.stream().collect(Collectors.groupingBy(SourceRecord::topic, Collectors.counting()))
                .forEach((topic, count) -> metrics.batchSize(topic, count.intValue()));
    }

    @SuppressWarnings("unchecked")
    private void handOver(Exchange exchange) {
        List<SourceRecord> records = exchange.getProperty(RECORDS, List.class);
        if (records.isEmpty()) {
            return;
        }
        try {
            handOver.submit(() -> records.forEach(sender::send)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FatalException("Interrupted while handing " + records.size() + " polled record(s) over", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof FatalException fatalError ? fatalError
                    : new FatalException("Handing a polled record to the runtime failed: "
                                         + e.getCause().getMessage(), e.getCause());
        }
    }

    private void pollFailed(Exchange exchange) {
        Exception error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        int failures = exchange.getIn().getHeader(Exchange.REDELIVERY_COUNTER, 1, Integer.class);
        metrics.error("*", ErrorCategory.of(error).label(), 1);
        health.report("poll", ComponentHealth.degraded("poll failed " + failures + " time(s): "
                                                       + (error == null ? "unknown error" : error.getMessage())));
    }

    private void fatal(Exchange exchange) {
        polling = false;
        Exception error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        metrics.error("*", ErrorCategory.FATAL.label(), 1);
        fatal.accept(error);
    }
}
