package io.danube.connect.mqtt;

import io.danube.connect.api.ConnectorContext;
import io.danube.connect.api.ProducerConfig;
import io.danube.connect.api.SourceConnector;
import io.danube.connect.api.SourceMode;
import io.danube.connect.api.SourceSender;
import io.danube.connect.config.ConnectorConfig;
import io.danube.connect.mqtt.config.MqttSection;
import io.danube.connect.mqtt.config.MqttSettingsParser;
import io.danube.connect.mqtt.config.MqttSourceSettings;
import io.danube.connect.mqtt.routing.Route;
import io.danube.connect.mqtt.routing.RouteTable;
import io.danube.connect.mqtt.session.MqttSession;
import io.danube.connect.observability.ComponentHealth;
import io.danube.connect.observability.ConnectorHealth;
import io.danube.connect.observability.ConnectorMetrics;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Endpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * MQTT → Danube: a Camel route from a {@code paho-mqtt5} endpoint (MQTT 5, persistent session, manual
 * acknowledgements) through {@link MqttToDanubeProcessor} into the SDK's streaming source sender. Each MQTT QoS 1
 * message is acknowledged only after Danube accepted it, in arrival order, so a crash or a failed publish loses
 * nothing: the broker redelivers. Configured by {@code [mqtt]} with {@code [[mqtt.routes]]} or
 * {@code [[mqtt.topic_mappings]]} (see the module README).
 */
public class MqttSourceConnector implements SourceConnector {

    private static final Logger LOG = LoggerFactory.getLogger(MqttSourceConnector.class);

    private CamelContext camel;
    private ConnectorMetrics connectorMetrics;
    private ConnectorHealth health;
    private MqttSourceSettings settings;
    private RouteTable routes;
    private String routeId;
    private MqttSession session;
    private ScheduledExecutorService connecting;
    private volatile String startFailure;

    public MqttSourceConnector() {
    }

    @Override
    public Map<String, String> secretEnvironment() {
        return Map.of(
                "MQTT_BROKER_HOST", "mqtt.broker_host",
                "MQTT_BROKER_PORT", "mqtt.broker_port",
                "MQTT_CLIENT_ID", "mqtt.client_id",
                "MQTT_USERNAME", "mqtt.username",
                "MQTT_PASSWORD", "mqtt.password",
                "MQTT_USE_TLS", "mqtt.use_tls");
    }

    @Override
    public Set<String> identifyingSections() {
        return Set.of("mqtt");
    }

    @Override
    public void initialize(ConnectorContext context) {
        ConnectorConfig config = context.config();
        camel = context.camelContext();
        connectorMetrics = context.metrics();
        health = context.health();
        settings = MqttSettingsParser.parse(config.section("mqtt", MqttSection.class), config.paths());
        routes = new RouteTable(settings.routes());
        routeId = "mqtt-source-" + config.connectorName();
        for (Route shadowed : routes.shadowedRoutes()) {
            LOG.warn("Route {} ({}) never receives anything: an earlier route has the same filter",
                    shadowed.index() + 1, shadowed.label());
        }
        for (Route route : routes.routes()) {
            if (route.qos() == 2) {
                LOG.warn("Route {} asks for QoS 2 (ExactlyOnce); it is subscribed at QoS 1 so that the broker keeps"
                         + " each message until Danube accepted it (at-least-once, duplicates possible after a"
                         + " crash)", route.label());
            }
        }
        LOG.info("MQTT source {} as client {}: {}", settings.connection().serverUri(),
                settings.connection().clientId(), routes.routes().stream().map(Route::label).toList());
    }

    @Override
    public List<ProducerConfig> producerConfigs() {
        Map<String, ProducerConfig> byTopic = new LinkedHashMap<>();
        for (Route route : routes.routes()) {
            byTopic.putIfAbsent(route.danubeTopic(),
                    new ProducerConfig(route.danubeTopic(), route.partitions(), route.reliableDispatch(),
                            route.maxInFlight()));
        }
        return List.copyOf(byTopic.values());
    }

    @Override
    public SourceMode mode() {
        return SourceMode.STREAMING;
    }

    @Override
    public void start(SourceSender sender) {
        int receiveMaximum = Math.min(settings.connection().receiveMaximum(), sender.capacity());
        if (receiveMaximum < settings.connection().receiveMaximum()) {
            LOG.info("MQTT receive maximum lowered from {} to {}, the records the runtime takes in flight, so that"
                     + " back-pressure reaches the broker instead of blocking the MQTT client",
                    settings.connection().receiveMaximum(), receiveMaximum);
        }
        session = new MqttSession(settings.connection(), routes, receiveMaximum);
        MqttMetrics metrics = new MqttMetrics(connectorMetrics.registry(), routeId.substring("mqtt-source-".length()));
        metrics.bindSession(session);
        health.probe("mqtt", this::mqttHealth);
        MqttToDanubeProcessor processor = new MqttToDanubeProcessor(routes,
                new MqttRecordMapper(settings.includeMetadata()), session.acks(), sender, metrics);
        connecting = camel.getExecutorServiceManager().newSingleThreadScheduledExecutor(this,
                "MqttConnect[" + routeId + "]");
        session.connectInBackground(connecting, () -> startRoute(processor));
        long period = Math.max(200, Math.min(1_000, settings.connection().reconnectWatchdog().toMillis() / 5));
        connecting.scheduleWithFixedDelay(() -> replaceStuckClient(processor), period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * The watchdog: a Paho client can fail every reconnect for good (its sender and callback threads fail to
     * restart), so a connection lost for longer than {@code reconnect_watchdog_secs} gets a new client: the route
     * stops, the old client is closed, the new one connects with backoff and the route starts on it.
     */
    private void replaceStuckClient(MqttToDanubeProcessor processor) {
        Duration bound = settings.connection().reconnectWatchdog();
        if (!session.lostLongerThan(bound)) {
            return;
        }
        LOG.warn("MQTT connection to {} lost for more than {} s and no reconnect has succeeded; replacing"
                 + " the client", settings.connection().serverUri(), bound.toSeconds());
        removeRoute();
        session.replaceClient();
        session.connectInBackground(connecting, () -> startRoute(processor));
    }

    private void removeRoute() {
        if (camel.getRoute(routeId) == null) {
            return;
        }
        try {
            camel.getRouteController().stopRoute(routeId, 5, TimeUnit.SECONDS);
            camel.removeRoute(routeId);
        } catch (Exception e) {
            LOG.warn("Removing route {} failed: {}", routeId, e.getMessage(), e);
        }
    }

    private ComponentHealth mqttHealth() {
        if (startFailure != null) {
            return ComponentHealth.unhealthy(startFailure);
        }
        return session.health();
    }

    /**
     * Starts the route once connected. Its error handler does not redeliver: the runtime's publish route already
     * retried the record, and a failed exchange leaves the MQTT message unacknowledged for the broker to redeliver.
     */
    private void startRoute(MqttToDanubeProcessor processor) {
        try {
            PahoMqtt5Endpoint endpoint = camel.getEndpoint(endpointUri(), PahoMqtt5Endpoint.class);
            endpoint.setClient(session.client());
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    errorHandler(defaultErrorHandler().maximumRedeliveries(0));
                    from(endpoint).routeId(routeId).process(processor);
                }
            });
        } catch (Exception e) {
            startFailure = "cannot start the MQTT route: " + e.getMessage();
            LOG.error("Cannot start the MQTT route {}: {}", routeId, e.getMessage(), e);
        }
    }

    /** The endpoint names the first route's filter (informational: the client subscribes every route). */
    private String endpointUri() {
        String filter = routes.routes().get(0).filter().subscription();
        return "paho-mqtt5:" + URLEncoder.encode(filter, StandardCharsets.UTF_8).replace("%2F", "/")
               + "?clientId=RAW(" + settings.connection().clientId() + ")&brokerUrl=RAW("
               + settings.connection().serverUri() + ")";
    }

    @Override
    public void stop() {
        if (session == null) {
            return;
        }
        session.stopDelivering();
        camel.getExecutorServiceManager().shutdownNow(connecting);
        if (camel.getRoute(routeId) != null) {
            try {
                camel.getRouteController().stopRoute(routeId);
            } catch (Exception e) {
                LOG.warn("Stopping route {} failed: {}", routeId, e.getMessage(), e);
            }
        }
    }

    @Override
    public void shutdown() {
        if (session != null) {
            session.close();
        }
        if (camel != null && routeId != null) {
            removeRoute();
        }
    }

    /** Fails while disconnected from the MQTT broker, once the first connect attempt has finished. */
    @Override
    public void healthCheck() {
        if (session != null && session.connectAttempted() && !session.isConnected()) {
            throw new IllegalStateException(session.health().detail());
        }
    }
}
