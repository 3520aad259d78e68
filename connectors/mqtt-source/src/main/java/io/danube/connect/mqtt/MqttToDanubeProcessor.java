package io.danube.connect.mqtt;

import io.danube.connect.api.SourceRecord;
import io.danube.connect.api.SourceSender;
import io.danube.connect.mqtt.routing.Route;
import io.danube.connect.mqtt.routing.RouteTable;
import io.danube.connect.mqtt.session.AckSequencer;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Constants;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Message;
import org.apache.camel.support.AsyncProcessorSupport;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The step of the {@code paho-mqtt5} route: routes each message by its topic (first match wins), hands the record to
 * the runtime and completes the exchange, and acknowledges the message to the broker, only once Danube accepted it.
 * QoS 1 messages never make the MQTT callback thread wait: the session's receive maximum is at most the runtime's
 * in-flight capacity; a QoS 0 message that finds no room is dropped and counted (at most once).
 * A redelivery of a message still on its way to Danube (a resumed session resends what was not acknowledged) is not
 * published again: it is acknowledged once the first copy is stored (see {@link AckSequencer}).
 * A message no route matches is counted, logged and acknowledged; a copy delivered for an overlapping subscription
 * that is not the winning route's is acknowledged and skipped (the winning copy is published). A failed publish
 * fails the exchange and leaves the message unacknowledged, so the broker redelivers it.
 */
final class MqttToDanubeProcessor extends AsyncProcessorSupport {

    private static final Logger LOG = LoggerFactory.getLogger(MqttToDanubeProcessor.class);

    private final RouteTable routes;
    private final MqttRecordMapper mapper;
    private final AckSequencer acks;
    private final SourceSender sender;
    private final MqttMetrics metrics;
    private final AtomicLong unmatched = new AtomicLong();

    MqttToDanubeProcessor(RouteTable routes, MqttRecordMapper mapper, AckSequencer acks, SourceSender sender,
                          MqttMetrics metrics) {
        this.routes = routes;
        this.mapper = mapper;
        this.acks = acks;
        this.sender = sender;
        this.metrics = metrics;
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        if (!(exchange.getIn() instanceof PahoMqtt5Message in)) {
            exchange.setException(new IllegalStateException("Expected a paho-mqtt5 message, got "
                                                            + exchange.getIn().getClass().getName()));
            callback.done(true);
            return true;
        }
        MqttMessage message = in.getMqttMessage();
        String topic = in.getHeader(PahoMqtt5Constants.MQTT_TOPIC, String.class);
        AckSequencer.Delivery delivery = acks.register(message.getId(), message.getQos(), topic, message.getPayload());
        if (delivery.joinedAnEarlierDelivery()) {
            callback.done(true);
            return true;
        }
        Optional<Route> match = routes.match(topic);
        if (match.isEmpty()) {
            long count = unmatched.incrementAndGet();
            metrics.unmatched();
            if (count <= 10 || count % 1000 == 0) {
                LOG.warn("No route matches MQTT topic '{}' ({} unmatched message(s) so far); acknowledged without"
                         + " publishing. Routes: {}", topic, count,
                        routes.routes().stream().map(Route::label).toList());
            }
            acks.complete(delivery);
            callback.done(true);
            return true;
        }
        Route route = match.get();
        if (isCopyForAnotherSubscription(route, message)) {
            metrics.duplicateCopy(route);
            acks.complete(delivery);
            callback.done(true);
            return true;
        }
        SourceRecord record = mapper.toRecord(route, topic, message);
        metrics.received(route);
        try {
            Optional<CompletableFuture<Void>> sending = message.getQos() == 0 ? sender.offer(record)
                    : Optional.of(sender.send(record));
            if (sending.isEmpty()) {
                metrics.droppedAtMostOnce(route);
                callback.done(true);
                return true;
            }
            sending.get().whenComplete((ok, error) -> {
                if (error == null) {
                    acks.complete(delivery);
                } else {
                    exchange.setException(new IllegalStateException("Publishing MQTT message from '" + topic
                            + "' to " + route.danubeTopic() + " failed; it stays unacknowledged", error));
                }
                callback.done(false);
            });
            return false;
        } catch (RuntimeException e) {
            exchange.setException(e);
            callback.done(true);
            return true;
        }
    }

    /** With subscription identifiers, a copy that does not carry the winning route's identifier is an extra one. */
    private boolean isCopyForAnotherSubscription(Route route, MqttMessage message) {
        List<Integer> identifiers = message.getProperties() == null ? List.of()
                : message.getProperties().getSubscriptionIdentifiers();
        return !identifiers.isEmpty() && !identifiers.contains(routes.subscriptionId(route));
    }
}
