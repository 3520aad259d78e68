package io.danube.connect.mqtt;

import io.danube.connect.mqtt.routing.Route;
import io.danube.connect.mqtt.session.AckSequencer;
import io.danube.connect.mqtt.session.MqttSession;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The MQTT side's series, next to the SDK's per-Danube-topic ones: {@code mqtt_messages_received_total{route}},
 * {@code mqtt_messages_unmatched_total}, {@code mqtt_duplicate_copies_total{route}} (copies the broker delivered for
 * an overlapping subscription that is not the winning route's), {@code mqtt_connected}, {@code mqtt_reconnects_total},
 * {@code mqtt_sessions_lost_total} (reconnects that found no session on the broker),
 * {@code mqtt_client_replacements_total} (the reconnect watchdog), {@code mqtt_redeliveries_joined_total}
 * (redeliveries not published again), {@code mqtt_qos0_dropped_total{route}} and {@code mqtt_acks_pending}. The {@code route} label is the route's filter as configured, so cardinality is
 * bounded by the config.
 */
final class MqttMetrics {

    private final MeterRegistry registry;
    private final String connector;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    MqttMetrics(MeterRegistry registry, String connector) {
        this.registry = registry;
        this.connector = connector;
    }

    void bindSession(MqttSession session) {
        Gauge.builder("mqtt.connected", session, s -> s.isConnected() ? 1 : 0)
                .description("1 while connected to the MQTT broker").tags("connector", connector).register(registry);
        FunctionCounter.builder("mqtt.reconnects", session, MqttSession::reconnects)
                .description("Reconnections to the MQTT broker").tags("connector", connector).register(registry);
        FunctionCounter.builder("mqtt.sessions.lost", session, MqttSession::sessionsLost)
                .description("Reconnects that found no session on the MQTT broker although one was asked for")
                .tags("connector", connector).register(registry);
        FunctionCounter.builder("mqtt.client.replacements", session, MqttSession::replacedClients)
                .description("MQTT clients replaced by the watchdog after a reconnect that did not succeed in time")
                .tags("connector", connector).register(registry);
        FunctionCounter.builder("mqtt.redeliveries.joined", session.acks(), AckSequencer::joinedRedeliveries)
                .description("Redeliveries after a reconnect not published again: the first copy was already on its"
                             + " way to Danube").tags("connector", connector).register(registry);
        Gauge.builder("mqtt.acks.pending", session, s -> s.acks().pending())
                .description("Received QoS 1 messages not acknowledged yet").tags("connector", connector)
                .register(registry);
    }

    void received(Route route) {
        counter("mqtt.messages.received", "MQTT messages routed, by route", route).increment();
    }

    void duplicateCopy(Route route) {
        counter("mqtt.duplicate.copies", "Extra copies for overlapping subscriptions, acknowledged and skipped",
                route).increment();
    }

    void droppedAtMostOnce(Route route) {
        counter("mqtt.qos0.dropped", "QoS 0 messages dropped while the Danube side was full", route).increment();
    }

    void unmatched() {
        counters.computeIfAbsent("mqtt.messages.unmatched", name -> Counter.builder(name)
                .description("MQTT messages no route matched (logged, acknowledged)")
                .tags("connector", connector).register(registry)).increment();
    }

    private Counter counter(String name, String description, Route route) {
        String filter = route.filter().subscription();
        return counters.computeIfAbsent(name + " " + filter, key -> Counter.builder(name).description(description)
                .tags("connector", connector, "route", filter).register(registry));
    }
}
