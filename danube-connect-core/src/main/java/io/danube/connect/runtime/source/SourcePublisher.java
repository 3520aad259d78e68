package io.danube.connect.runtime.source;

import io.danube.camel.DanubeConstants;
import io.danube.connect.api.FatalException;
import io.danube.connect.api.SourceRecord;
import io.danube.connect.observability.ConnectorMetrics;
import org.apache.camel.AsyncProducer;
import org.apache.camel.Exchange;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Hands each source record to its topic's {@link PublishRoutes route} as an exchange: the payload bytes as the body,
 * attributes as headers, the key as {@code CamelDanubeRoutingKey} (partition by hash). The returned future completes
 * when the broker accepted the record, or fails once the route's redeliveries are spent.
 */
final class SourcePublisher {

    private final Map<String, AsyncProducer> routesByTopic;
    private final PublishFailures failures;
    private final ConnectorMetrics metrics;

    SourcePublisher(Map<String, AsyncProducer> routesByTopic, PublishFailures failures, ConnectorMetrics metrics) {
        this.routesByTopic = Map.copyOf(routesByTopic);
        this.failures = failures;
        this.metrics = metrics;
    }

    /** Fails with {@link FatalException} right away when the record's topic was not declared. */
    CompletableFuture<Void> publish(SourceRecord record) {
        AsyncProducer route = routesByTopic.get(record.topic());
        if (route == null) {
            throw new FatalException("No producer for topic " + record.topic() + "; the connector declared "
                                     + routesByTopic.keySet() + " in producerConfigs()");
        }
        long start = System.nanoTime();
        Exchange exchange = route.getEndpoint().createExchange();
        exchange.getIn().setBody(record.payload());
        record.attributes().forEach(exchange.getIn()::setHeader);
        record.key().ifPresent(key -> exchange.getIn().setHeader(DanubeConstants.ROUTING_KEY, key));
        CompletableFuture<Void> result = new CompletableFuture<>();
        route.process(exchange, doneSync -> {
            Exception error = exchange.getException();
            if (error != null) {
                failures.failed(record.topic(), error);
                result.completeExceptionally(error);
                return;
            }
            failures.accepted(record.topic());
            metrics.processingTime(record.topic(), Duration.ofNanos(System.nanoTime() - start));
            result.complete(null);
        });
        return result;
    }
}
