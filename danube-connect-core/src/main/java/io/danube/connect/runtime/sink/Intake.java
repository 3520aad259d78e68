package io.danube.connect.runtime.sink;

import io.danube.camel.DanubeConstants;
import io.danube.camel.consumer.DanubeMessageReceipt;
import io.danube.connect.api.ConsumerConfig;
import io.danube.connect.observability.ConnectorMetrics;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The first step of the consumer routes: turns a consumed exchange into a {@link PendingRecord} body, or, once
 * {@link #close() closed} for a stop, negatively acknowledges the message and ends the route.
 */
final class Intake {

    private final ConnectorMetrics metrics;
    private volatile boolean closed;

    Intake(ConnectorMetrics metrics) {
        this.metrics = metrics;
    }

    /** The step for the route consuming {@code consumer}'s topic. */
    Processor of(ConsumerConfig consumer) {
        return exchange -> take(consumer, exchange);
    }

    /** From now on every consumed message is refused (the broker redelivers it). */
    void close() {
        closed = true;
    }

    private void take(ConsumerConfig consumer, Exchange exchange) {
        DanubeMessageReceipt receipt = exchange.getIn().getHeader(DanubeConstants.MESSAGE_RECEIPT,
                DanubeMessageReceipt.class);
        if (closed) {
            receipt.negativeAcknowledge();
            exchange.setRouteStop(true);
            return;
        }
        PendingRecord pending = new PendingRecord(SinkRecords.from(consumer, exchange.getIn()), receipt,
                consumer);
        metrics.received(consumer.topic(), 1);
        metrics.inFlight(consumer.topic(), 1);
        exchange.getIn().setBody(pending);
        // Everything is in the record now; without headers the aggregator's copy of each exchange is cheap.
        exchange.getIn().getHeaders().clear();
    }
}
