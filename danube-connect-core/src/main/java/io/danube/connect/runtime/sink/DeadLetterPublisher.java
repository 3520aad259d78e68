package io.danube.connect.runtime.sink;

import io.danube.connect.api.ConnectorException;
import io.danube.connect.api.ConsumerConfig;
import io.danube.connect.api.ErrorCategory;
import io.danube.connect.api.SinkRecord;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Publishes records that cannot be processed to their dead-letter topic (reliable dispatch), with the original payload
 * and attributes plus {@code dlq.*} attributes naming the error, the source topic, partition, offset, message id,
 * subscription and connector. Throws if the broker did not accept the record, so it is not acknowledged.
 */
final class DeadLetterPublisher {

    /** Attribute names added to every dead-lettered record. */
    static final String ERROR = "dlq.error";
    static final String ERROR_TYPE = "dlq.error_type";
    static final String ERROR_CLASS = "dlq.error_class";
    static final String SOURCE_TOPIC = "dlq.source_topic";
    static final String SOURCE_PARTITION = "dlq.source_partition";
    static final String OFFSET = "dlq.offset";
    static final String MESSAGE_ID = "dlq.message_id";
    static final String SUBSCRIPTION = "dlq.subscription";
    static final String CONNECTOR = "dlq.connector";
    static final String FAILED_AT = "dlq.failed_at";

    private final ProducerTemplate template;
    private final String connectorName;
    private final Map<ConsumerConfig, String> routes;

    /** @param routes for each consumer config, the endpoint of the route that publishes to its dead-letter topic */
    DeadLetterPublisher(ProducerTemplate template, String connectorName, Map<ConsumerConfig, String> routes) {
        this.template = template;
        this.connectorName = connectorName;
        this.routes = Map.copyOf(routes);
    }

    void publish(PendingRecord pending, Throwable error) {
        SinkRecord record = pending.record();
        Map<String, Object> headers = new LinkedHashMap<>(record.attributes());
        headers.put(ERROR, String.valueOf(error.getMessage()));
        headers.put(ERROR_TYPE, ErrorCategory.of(error).label());
        headers.put(ERROR_CLASS, error.getClass().getName());
        headers.put(SOURCE_TOPIC, record.topic());
        headers.put(SOURCE_PARTITION, record.partition());
        headers.put(OFFSET, Long.toString(record.offset()));
        if (record.messageId() != null) {
            headers.put(MESSAGE_ID, record.messageId());
        }
        headers.put(SUBSCRIPTION, pending.source().subscription());
        headers.put(CONNECTOR, connectorName);
        headers.put(FAILED_AT, Instant.now().toString());
        if (error instanceof ConnectorException connectorError) {
            connectorError.context().forEach((key, value) -> headers.putIfAbsent("dlq.context." + key, value));
        }
        Exchange result = template.send(routes.get(pending.source()), exchange -> {
            exchange.getIn().setBody(record.payload());
            exchange.getIn().setHeaders(headers);
        });
        if (result.getException() != null) {
            throw new IllegalStateException("Dead-letter topic " + pending.source().effectiveDeadLetterTopic()
                                            + " did not accept record " + record, result.getException());
        }
    }
}
