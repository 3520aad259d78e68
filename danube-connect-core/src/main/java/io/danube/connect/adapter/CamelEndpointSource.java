package io.danube.connect.adapter;

import io.danube.camel.DanubeConstants;
import io.danube.connect.api.ConnectorContext;
import io.danube.connect.api.FatalException;
import io.danube.connect.api.ProducerConfig;
import io.danube.connect.api.SourceConnector;
import io.danube.connect.api.SourceMode;
import io.danube.connect.api.SourceRecord;
import io.danube.connect.api.SourceSender;
import io.danube.connect.config.ConfigException;
import io.danube.connect.config.ConnectorConfig;
import org.apache.camel.AsyncCallback;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.AsyncProcessorSupport;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A streaming source over any Camel consumer endpoint: each exchange becomes one record (body bytes as the payload,
 * String headers as attributes) and completes (asynchronously) only once the broker accepted it, so endpoints that acknowledge on
 * exchange completion (MQTT manual acks, JMS, file moves) get end-to-end at-least-once. A failed publish fails the
 * exchange, letting the endpoint redeliver.
 *
 * <p>From a config file: {@code connector_class = "io.danube.connect.adapter.CamelEndpointSource"} with a
 * {@code [camel_source]} section ({@link CamelSourceSettings}).
 */
public class CamelEndpointSource implements SourceConnector {

    private CamelSourceSettings settings;
    private CamelContext camel;
    private String routeId;

    /** For the launcher: reads {@code [camel_source]} in {@link #initialize}. */
    public CamelEndpointSource() {
    }

    /** For code: these settings instead of a config section. */
    public CamelEndpointSource(CamelSourceSettings settings) {
        this.settings = settings;
    }

    @Override
    public void initialize(ConnectorContext context) {
        ConnectorConfig config = context.config();
        camel = context.camelContext();
        if (settings == null) {
            settings = config.section("camel_source", CamelSourceSettings.class);
        }
        ConfigException.requireText("camel_source.from_uri", settings.fromUri());
        ConfigException.requireText("camel_source.topic", settings.topic());
        routeId = "danube-source-adapter-" + config.connectorName();
    }

    @Override
    public List<ProducerConfig> producerConfigs() {
        return List.of(new ProducerConfig(settings.topic(), settings.partitions(), settings.reliableDispatch()));
    }

    @Override
    public SourceMode mode() {
        return SourceMode.STREAMING;
    }

    @Override
    public void start(SourceSender sender) {
        try {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from(settings.fromUri()).routeId(routeId).process(new AsyncProcessorSupport() {
                        @Override
                        public boolean process(Exchange exchange, AsyncCallback callback) {
                            return publish(sender, exchange, callback);
                        }
                    });
                }
            });
        } catch (Exception e) {
            throw new FatalException("Cannot start the route from " + settings.fromUri(), e);
        }
    }

    /** Completes the exchange once the broker accepted its record, without blocking the route's thread. */
    private boolean publish(SourceSender sender, Exchange exchange, AsyncCallback callback) {
        Message in = exchange.getIn();
        byte[] body = in.getBody(byte[].class);
        Map<String, String> attributes = new LinkedHashMap<>();
        in.getHeaders().forEach((name, value) -> {
            if (!name.startsWith("Camel") && value instanceof String text) {
                attributes.put(name, text);
            }
        });
        SourceRecord record = SourceRecord.fromBytes(settings.topic(), body == null ? new byte[0] : body)
                .withAttributes(attributes);
        String key = settings.keyHeader() == null ? in.getHeader(DanubeConstants.ROUTING_KEY, String.class)
                : in.getHeader(settings.keyHeader(), String.class);
        if (key != null) {
            record = record.withKey(key);
        }
        try {
            sender.send(record).whenComplete((ok, error) -> {
                if (error != null) {
                    exchange.setException(new IllegalStateException("Publishing to " + settings.topic() + " failed",
                            error));
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

    @Override
    public void stop() {
        if (camel != null && routeId != null && camel.getRoute(routeId) != null) {
            try {
                camel.getRouteController().stopRoute(routeId);
            } catch (Exception e) {
                throw new IllegalStateException("Cannot stop route " + routeId, e);
            }
        }
    }
}
