package io.danube.camel.producer;

import io.danube.camel.DanubeConstants;
import io.danube.client.message.OutgoingMessage;
import org.apache.camel.Exchange;
import org.apache.camel.Expression;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.apache.camel.spi.HeaderFilterStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * Turns an exchange into a Danube message: the body becomes the payload (through Camel's type converters), the
 * headers that pass the filter become attributes, and the routing key comes from the {@code CamelDanubeRoutingKey}
 * header or the endpoint's routing-key expression.
 */
final class DanubeMessageFactory {

    private static final Logger LOG = LoggerFactory.getLogger(DanubeMessageFactory.class);
    private static final byte[] EMPTY = new byte[0];

    private final HeaderFilterStrategy headerFilterStrategy;
    private final Expression routingKey;

    /** @param routingKey evaluated per exchange when the header is absent; may be {@code null} */
    DanubeMessageFactory(HeaderFilterStrategy headerFilterStrategy, Expression routingKey) {
        this.headerFilterStrategy = headerFilterStrategy;
        this.routingKey = routingKey;
    }

    OutgoingMessage create(Exchange exchange) throws InvalidPayloadException {
        Message in = exchange.getIn();
        OutgoingMessage.Builder message = OutgoingMessage.builder(payload(in));
        for (Map.Entry<String, Object> header : in.getHeaders().entrySet()) {
            addAttribute(message, exchange, header.getKey(), header.getValue());
        }
        String key = routingKey(exchange);
        if (key != null && !key.isEmpty()) {
            message.key(key);
        }
        return message.build();
    }

    private static byte[] payload(Message in) throws InvalidPayloadException {
        Object body = in.getBody();
        if (body == null) {
            return EMPTY;
        }
        if (body instanceof byte[] bytes) {
            return bytes;
        }
        return in.getMandatoryBody(byte[].class);
    }

    private void addAttribute(OutgoingMessage.Builder message, Exchange exchange, String name, Object value) {
        if (value == null || headerFilterStrategy.applyFilterToCamelHeaders(name, value, exchange)) {
            return;
        }
        String text = exchange.getContext().getTypeConverter().convertTo(String.class, exchange, value);
        if (text == null) {
            LOG.debug("Header {} of type {} has no String form and is not sent as a Danube attribute", name,
                    value.getClass().getName());
            return;
        }
        message.attribute(name, text);
    }

    private String routingKey(Exchange exchange) {
        String fromHeader = exchange.getIn().getHeader(DanubeConstants.ROUTING_KEY, String.class);
        if (fromHeader != null) {
            return fromHeader;
        }
        return routingKey == null ? null : routingKey.evaluate(exchange, String.class);
    }
}
