package io.danube.connect.runtime.source;

import io.danube.camel.DanubeConstants;
import io.danube.client.error.MessageRefusals;
import io.danube.connect.api.ErrorCategory;
import io.danube.connect.api.FatalException;
import io.danube.connect.api.SourceRecord;
import io.danube.connect.observability.ConnectorMetrics;
import org.apache.camel.AsyncProducer;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Hands each source record to its topic's {@link PublishRoutes route} as an exchange: the payload bytes as the body,
 * attributes as headers, the key as {@code CamelDanubeRoutingKey} (partition by hash). The returned future completes
 * when the broker accepted the record, or when a record that can never be published ({@link PublishErrors}) was
 * settled: sent to its topic's dead-letter topic {@code <topic>-dlq} with {@code dlq.*} attributes naming the reason
 * (a record over the size limit without its payload, which no topic can take, and {@code dlq.payload_omitted}), or,
 * if that topic refused it too, logged and counted as a {@code dead_letter} error.
 * Either way the source acknowledges it, so one poison record never stops a source. The future fails only when the
 * route gave up on a retryable failure.
 */
final class SourcePublisher {

    /** Attributes added to a dead-lettered record. */
    static final String DLQ_ERROR = "dlq.error";
    static final String DLQ_ERROR_CLASS = "dlq.error_class";
    static final String DLQ_ERROR_TYPE = "dlq.error_type";
    static final String DLQ_SOURCE_TOPIC = "dlq.source_topic";
    static final String DLQ_CONNECTOR = "dlq.connector";
    static final String DLQ_FAILED_AT = "dlq.failed_at";
    static final String DLQ_PAYLOAD_OMITTED = "dlq.payload_omitted";

    private static final Logger LOG = LoggerFactory.getLogger(SourcePublisher.class);

    private final String connectorName;
    private final Map<String, AsyncProducer> routesByTopic;
    private final PublishFailures failures;
    private final ConnectorMetrics metrics;

    SourcePublisher(String connectorName, Map<String, AsyncProducer> routesByTopic, PublishFailures failures,
                    ConnectorMetrics metrics) {
        this.connectorName = connectorName;
        this.routesByTopic = Map.copyOf(routesByTopic);
        this.failures = failures;
        this.metrics = metrics;
    }

    /** The dead-letter topic of records of {@code topic}. */
    static String deadLetterTopic(String topic) {
        return topic + "-dlq";
    }

    /**
     * Publishes {@code record}; a retryable failure is retried until the route stops when {@code untilStopped},
     * else {@code max_retries} times. Fails with {@link FatalException} right away when the record's topic was not
     * declared.
     */
    CompletableFuture<Void> publish(SourceRecord record, boolean untilStopped) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        send(record, untilStopped).whenComplete((ok, error) -> {
            if (error == null) {
                result.complete(null);
            } else if (PublishErrors.isPermanent(error)) {
                deadLetter(record, error).whenComplete((settled, ignored) -> result.complete(null));
            } else {
                result.completeExceptionally(error);
            }
        });
        return result;
    }

    private CompletableFuture<Void> deadLetter(SourceRecord record, Throwable reason) {
        String dlqTopic = deadLetterTopic(record.topic());
        Map<String, String> attributes = new LinkedHashMap<>(record.attributes());
        attributes.put(DLQ_ERROR, String.valueOf(reason.getMessage()));
        attributes.put(DLQ_ERROR_CLASS, reason.getClass().getName());
        // as in a sink's dead letters: a record that can never be processed is invalid data
        attributes.put(DLQ_ERROR_TYPE, ErrorCategory.INVALID_DATA.label());
        attributes.put(DLQ_SOURCE_TOPIC, record.topic());
        attributes.put(DLQ_CONNECTOR, connectorName);
        attributes.put(DLQ_FAILED_AT, Instant.now().toString());
        byte[] payload = record.payload();
        if (MessageRefusals.exceedsTheSizeLimit(reason)) {
            // the dead-letter topic has the same limit: it gets the record's reason and attributes, not its bytes
            attributes.put(DLQ_PAYLOAD_OMITTED, payload.length + " bytes, over the broker's message size limit");
            payload = new byte[0];
        }
        SourceRecord deadLetter = SourceRecord.fromBytes(dlqTopic, payload).withAttributes(attributes);
        if (record.key().isPresent()) {
            deadLetter = deadLetter.withKey(record.key().get());
        }
        return send(deadLetter, false).whenComplete((ok, error) -> {
            if (error == null) {
                metrics.deadLettered(record.topic());
                LOG.warn("Record {} can never be published ({}); sent to dead-letter topic {}", describe(record),
                        reason.getMessage(), dlqTopic);
            } else {
                metrics.error(record.topic(), "dead_letter", 1);
                LOG.error("Record {} can never be published ({}) and dead-letter topic {} refused it too ({});"
                          + " dropped", describe(record), reason.getMessage(), dlqTopic, error.getMessage());
            }
        });
    }

    /** What identifies a record in a log line: topic, key, offset, size and attributes, not the payload. */
    private static String describe(SourceRecord record) {
        return "{topic " + record.topic() + ", key " + record.key().orElse("-") + ", offset "
               + record.offset().map(Object::toString).orElse("-") + ", " + record.payload().length + " bytes, "
               + "attributes " + record.attributes() + "}";
    }

    private CompletableFuture<Void> send(SourceRecord record, boolean untilStopped) {
        AsyncProducer route = routesByTopic.get(record.topic());
        if (route == null) {
            throw new FatalException("No producer for topic " + record.topic() + "; the connector declared "
                                     + routesByTopic.keySet() + " in producerConfigs()");
        }
        long start = System.nanoTime();
        Exchange exchange = route.getEndpoint().createExchange();
        exchange.setProperty(PublishRoutes.RETRY_UNTIL_STOPPED, untilStopped);
        exchange.getIn().setBody(record.payload());
        record.attributes().forEach(exchange.getIn()::setHeader);
        record.key().ifPresent(key -> exchange.getIn().setHeader(DanubeConstants.ROUTING_KEY, key));
        CompletableFuture<Void> result = new CompletableFuture<>();
        route.process(exchange, doneSync -> {
            Exception error = exchange.getException();
            if (error != null) {
                failures.failed(exchange.getExchangeId(), record.topic());
                result.completeExceptionally(error);
                return;
            }
            failures.settled(exchange.getExchangeId());
            metrics.processingTime(record.topic(), Duration.ofNanos(System.nanoTime() - start));
            result.complete(null);
        });
        return result;
    }
}
