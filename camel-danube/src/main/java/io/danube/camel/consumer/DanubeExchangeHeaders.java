package io.danube.camel.consumer;

import io.danube.camel.DanubeConstants;
import io.danube.client.message.ReceivedMessage;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.spi.HeaderFilterStrategy;

/** Fills an exchange from a received message: payload as body, metadata as CamelDanube headers, attributes as headers. */
final class DanubeExchangeHeaders {

    private final String topic;
    private final String subscription;
    private final HeaderFilterStrategy headerFilterStrategy;

    DanubeExchangeHeaders(String topic, String subscription, HeaderFilterStrategy headerFilterStrategy) {
        this.topic = topic;
        this.subscription = subscription;
        this.headerFilterStrategy = headerFilterStrategy;
    }

    void fill(Exchange exchange, ReceivedMessage message) {
        Message in = exchange.getIn();
        in.setBody(message.payload());
        message.attributes().forEach((name, value) -> {
            if (!headerFilterStrategy.applyFilterToExternalHeaders(name, value, exchange)) {
                in.setHeader(name, value);
            }
        });
        in.setHeader(DanubeConstants.TOPIC, topic);
        in.setHeader(DanubeConstants.PARTITION_TOPIC, message.topic());
        in.setHeader(DanubeConstants.SUBSCRIPTION, subscription);
        in.setHeader(DanubeConstants.MESSAGE_ID, message.id());
        in.setHeader(DanubeConstants.OFFSET, message.id().offset());
        in.setHeader(DanubeConstants.PUBLISH_TIME, message.publishTime());
        in.setHeader(DanubeConstants.PRODUCER_NAME, message.producerName());
        message.routingKey().ifPresent(key -> in.setHeader(DanubeConstants.ROUTING_KEY, key));
        message.schemaId().ifPresent(id -> in.setHeader(DanubeConstants.SCHEMA_ID, id));
        message.schemaVersion().ifPresent(version -> in.setHeader(DanubeConstants.SCHEMA_VERSION, version));
    }
}
