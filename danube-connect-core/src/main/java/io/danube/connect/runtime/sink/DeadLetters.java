package io.danube.connect.runtime.sink;

import io.danube.connect.api.ConnectorException;
import io.danube.connect.api.ConsumerConfig;
import io.danube.connect.api.ErrorCategory;
import io.danube.connect.api.SinkRecord;
import io.danube.connect.observability.ConnectorMetrics;
import org.apache.camel.Exchange;
import org.apache.camel.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The steps of the dead-letter route, the dead-letter channel of the sink: turns a record that cannot be processed
 * (the exchange body, with the reason in {@link Exchange#EXCEPTION_CAUGHT}) into a message for its dead-letter topic
 * with the original payload and attributes plus {@code dlq.*} attributes naming the error, the source topic,
 * partition, offset, message id, subscription and connector; acknowledges the record once the topic accepted it, and
 * negatively acknowledges it (never drops it) if the topic did not.
 */
final class DeadLetters {

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

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);
    /** Exchange properties of the dead-letter route: the record and why it is dead-lettered. */
    private static final String RECORD = "DanubeSinkDeadLetterRecord";
    private static final String REASON = "DanubeSinkDeadLetterReason";

    private final String connectorName;
    private final ConnectorMetrics metrics;
    private final Settlements settlements;

    DeadLetters(String connectorName, ConnectorMetrics metrics, Settlements settlements) {
        this.connectorName = connectorName;
        this.metrics = metrics;
        this.settlements = settlements;
    }

    /** Replaces the body ({@link PendingRecord}) and headers by the dead-letter message. */
    void compose(Exchange exchange) {
        PendingRecord pending = exchange.getIn().getBody(PendingRecord.class);
        Throwable error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        exchange.setProperty(RECORD, pending);
        exchange.setProperty(REASON, error);
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
        exchange.getIn().setBody(record.payload());
        exchange.getIn().setHeaders(headers);
    }

    /** Whether the record being dead-lettered was consumed by {@code consumer} (so goes to its dead-letter topic). */
    static Predicate consumedBy(ConsumerConfig consumer) {
        return exchange -> exchange.getProperty(RECORD, PendingRecord.class).source().equals(consumer);
    }

    /** The dead-letter topic accepted the record: acknowledge it. */
    void published(Exchange exchange) {
        PendingRecord pending = exchange.getProperty(RECORD, PendingRecord.class);
        metrics.deadLettered(pending.record().topic());
        LOG.warn("Record {} sent to dead-letter topic {}: {}", pending.record(),
                pending.source().effectiveDeadLetterTopic(),
                exchange.getProperty(REASON, Throwable.class).getMessage());
        settlements.ack(List.of(pending));
    }

    /** The dead-letter topic did not accept the record: leave it for redelivery. */
    void failed(Exchange exchange) {
        PendingRecord pending = exchange.getProperty(RECORD, PendingRecord.class);
        Throwable error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (pending == null) {
            LOG.error("Could not compose a dead-letter message: {}", String.valueOf(error), error);
            return;
        }
        metrics.error(pending.record().topic(), "dead_letter", 1);
        LOG.error("Dead-letter topic {} did not accept record {}; leaving it for redelivery: {}",
                pending.source().effectiveDeadLetterTopic(), pending.record(), String.valueOf(error), error);
        settlements.nack(List.of(pending));
    }
}
