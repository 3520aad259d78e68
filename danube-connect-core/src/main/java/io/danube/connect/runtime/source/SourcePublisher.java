package io.danube.connect.runtime.source;

import io.danube.camel.DanubeConstants;
import io.danube.connect.api.FatalException;
import io.danube.connect.api.SourceRecord;
import io.danube.connect.observability.ConnectorMetrics;
import io.danube.connect.runtime.RetryBackoff;
import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Publishes source records through the per-topic routes that end in {@code danube:} producers: the payload bytes as
 * the body, attributes as headers, the key as {@code CamelDanubeRoutingKey} (partition by hash). A failed send is
 * retried with the {@code [retry]} backoff before the returned future fails.
 */
final class SourcePublisher {

    private static final Logger LOG = LoggerFactory.getLogger(SourcePublisher.class);

    private final CamelContext camel;
    private final Map<String, AsyncProducer> routesByTopic;
    private final RetryBackoff backoff;
    private final ScheduledExecutorService retries;
    private final ConnectorMetrics metrics;
    private final Map<String, String> failingTopics = new ConcurrentHashMap<>();

    SourcePublisher(CamelContext camel, Map<String, AsyncProducer> routesByTopic, RetryBackoff backoff,
                    ScheduledExecutorService retries, ConnectorMetrics metrics) {
        this.camel = camel;
        this.routesByTopic = Map.copyOf(routesByTopic);
        this.backoff = backoff;
        this.retries = retries;
        this.metrics = metrics;
    }

    /** Topics whose last publish attempt failed, with the error; empty while publishing works. */
    Map<String, String> failingTopics() {
        return Map.copyOf(failingTopics);
    }

    /** Fails with {@link FatalException} right away when the record's topic was not declared. */
    CompletableFuture<Void> publish(SourceRecord record) {
        AsyncProducer route = routesByTopic.get(record.topic());
        if (route == null) {
            throw new FatalException("No producer for topic " + record.topic() + "; the connector declared "
                                     + routesByTopic.keySet() + " in producerConfigs()");
        }
        CompletableFuture<Void> result = new CompletableFuture<>();
        attempt(route, record, 0, System.nanoTime(), result);
        return result;
    }

    private void attempt(AsyncProducer route, SourceRecord record, int failures, long start,
                         CompletableFuture<Void> result) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getIn().setBody(record.payload());
        record.attributes().forEach(exchange.getIn()::setHeader);
        record.key().ifPresent(key -> exchange.getIn().setHeader(DanubeConstants.ROUTING_KEY, key));
        route.process(exchange, doneSync -> {
            Exception error = exchange.getException();
            if (error == null) {
                failingTopics.remove(record.topic());
                metrics.processingTime(record.topic(), Duration.ofNanos(System.nanoTime() - start));
                result.complete(null);
                return;
            }
            metrics.error(record.topic(), "publish", 1);
            failingTopics.put(record.topic(), String.valueOf(error.getMessage()));
            int failed = failures + 1;
            if (!backoff.allowsRetry(failed) || retries.isShutdown()) {
                result.completeExceptionally(error);
                return;
            }
            Duration delay = backoff.delayBefore(failed);
            LOG.warn("Publishing to {} failed (attempt {}), retrying in {} ms: {}", record.topic(), failed,
                    delay.toMillis(), error.getMessage());
            metrics.retried(record.topic());
            try {
                retries.schedule(() -> attempt(route, record, failed, start, result), delay.toMillis(),
                        TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopping) {
                result.completeExceptionally(error);
            }
        });
    }
}
