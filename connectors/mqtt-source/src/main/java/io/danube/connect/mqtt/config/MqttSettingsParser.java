package io.danube.connect.mqtt.config;

import io.danube.connect.config.ConfigException;
import io.danube.connect.config.ConfigPaths;
import io.danube.connect.mqtt.routing.Route;
import io.danube.connect.mqtt.routing.RoutingKey;
import io.danube.connect.mqtt.routing.TopicFilter;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the {@code [mqtt]} section into {@link MqttSourceSettings}: applies the defaults of the Rust connector (port
 * 1883, keep-alive 60 s, reliable dispatch from QoS) except that sessions are persistent by default, and fails with a
 * {@link ConfigException} naming the key for anything missing or malformed.
 */
public final class MqttSettingsParser {

    static final long DEFAULT_SESSION_EXPIRY_SECS = 3600;
    static final int DEFAULT_RECEIVE_MAXIMUM = 1000;

    private static final Map<String, Integer> QOS_NAMES = Map.of(
            "atmostonce", 0, "atleastonce", 1, "exactlyonce", 2, "0", 0, "1", 1, "2", 2);

    private MqttSettingsParser() {
    }

    /** @param paths resolves the TLS files named in the section */
    public static MqttSourceSettings parse(MqttSection mqtt, ConfigPaths paths) {
        List<Route> routes = new ArrayList<>();
        if (mqtt.routes() != null) {
            for (int i = 0; i < mqtt.routes().size(); i++) {
                RouteSection r = mqtt.routes().get(i);
                routes.add(route(routes.size(), "mqtt.routes[" + i + "]", "from", r.from(), "to", r.to(), r.qos(),
                        r.partitions(), r.reliableDispatch(), r.key(), r.maxInFlight()));
            }
        }
        if (mqtt.topicMappings() != null) {
            for (int i = 0; i < mqtt.topicMappings().size(); i++) {
                TopicMappingSection m = mqtt.topicMappings().get(i);
                routes.add(route(routes.size(), "mqtt.topic_mappings[" + i + "]", "mqtt_topic", m.mqttTopic(),
                        "danube_topic", m.danubeTopic(), m.qos(), m.partitions(), m.reliableDispatch(), m.key(),
                        m.maxInFlight()));
            }
        }
        if (routes.isEmpty()) {
            throw new ConfigException("mqtt.routes", "at least one route is required ([[mqtt.routes]] with from/to,"
                                                     + " or [[mqtt.topic_mappings]] with mqtt_topic/danube_topic)");
        }
        checkSameTopicSameShape(routes);
        return new MqttSourceSettings(connection(mqtt, paths), mqtt.includeMetadata() == null || mqtt.includeMetadata(),
                routes);
    }

    private static ConnectionSettings connection(MqttSection mqtt, ConfigPaths paths) {
        String clientId = ConfigException.requireText("mqtt.client_id", mqtt.clientId());
        boolean cleanStart = firstNonNull(mqtt.cleanStart(), mqtt.cleanSession(), false);
        long expiry = mqtt.sessionExpirySecs() != null ? mqtt.sessionExpirySecs()
                : cleanStart ? 0 : DEFAULT_SESSION_EXPIRY_SECS;
        if (expiry < 0 || expiry > 0xFFFF_FFFFL) {
            throw new ConfigException("mqtt.session_expiry_secs", "must be between 0 and 4294967295, got " + expiry);
        }
        int keepAlive = positiveOr("mqtt.keep_alive_secs", mqtt.keepAliveSecs(), 60, 0);
        int connectTimeout = positiveOr("mqtt.connection_timeout_secs", mqtt.connectionTimeoutSecs(), 30, 1);
        int receiveMaximum = positiveOr("mqtt.receive_maximum", mqtt.receiveMaximum(), DEFAULT_RECEIVE_MAXIMUM, 1);
        if (receiveMaximum > 65535) {
            throw new ConfigException("mqtt.receive_maximum", "must be at most 65535, got " + receiveMaximum);
        }
        int reconnectMax = positiveOr("mqtt.reconnect_max_delay_secs", mqtt.reconnectMaxDelaySecs(), 30, 1);
        int watchdog = positiveOr("mqtt.reconnect_watchdog_secs", mqtt.reconnectWatchdogSecs(), 30, 1);
        if (mqtt.maxPacketSize() != null && mqtt.maxPacketSize() < 1) {
            throw new ConfigException("mqtt.max_packet_size", "must be positive, got " + mqtt.maxPacketSize());
        }
        return new ConnectionSettings(serverUri(mqtt), clientId, blankToNull(mqtt.username()),
                blankToNull(mqtt.password()), tls(mqtt, paths), Duration.ofSeconds(keepAlive),
                Duration.ofSeconds(connectTimeout), cleanStart, Duration.ofSeconds(expiry), receiveMaximum,
                Duration.ofSeconds(reconnectMax), Duration.ofSeconds(watchdog), mqtt.maxPacketSize());
    }

    private static String serverUri(MqttSection mqtt) {
        boolean tls = Boolean.TRUE.equals(mqtt.useTls());
        if (mqtt.url() != null && !mqtt.url().isBlank()) {
            URI uri;
            try {
                uri = URI.create(mqtt.url().trim());
            } catch (IllegalArgumentException e) {
                throw new ConfigException("mqtt.url", "not a URI: " + e.getMessage(), e);
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (uri.getHost() == null) {
                throw new ConfigException("mqtt.url", "expected tcp://host:port or ssl://host:port, got '"
                                                      + mqtt.url() + "'");
            }
            boolean secure = switch (scheme) {
                case "tcp", "mqtt" -> false;
                case "ssl", "mqtts", "tls" -> true;
                default -> throw new ConfigException("mqtt.url", "scheme must be tcp or ssl (also mqtt, mqtts), got '"
                                                                 + scheme + "'");
            };
            int port = uri.getPort() > 0 ? uri.getPort() : secure ? 8883 : 1883;
            return ((secure || tls) ? "ssl://" : "tcp://") + uri.getHost() + ":" + port;
        }
        String host = ConfigException.requireText("mqtt.broker_host", mqtt.brokerHost());
        int port = mqtt.brokerPort() == null ? (tls ? 8883 : 1883) : mqtt.brokerPort();
        if (port < 1 || port > 65535) {
            throw new ConfigException("mqtt.broker_port", "must be between 1 and 65535, got " + port);
        }
        return (tls ? "ssl://" : "tcp://") + host + ":" + port;
    }

    private static ConnectionSettings.TlsSettings tls(MqttSection mqtt, ConfigPaths paths) {
        Path ca = existingFile(paths, "mqtt.ca_file", mqtt.caFile());
        Path cert = existingFile(paths, "mqtt.client_cert_file", mqtt.clientCertFile());
        Path key = existingFile(paths, "mqtt.client_key_file", mqtt.clientKeyFile());
        if ((cert == null) != (key == null)) {
            throw new ConfigException(cert == null ? "mqtt.client_cert_file" : "mqtt.client_key_file",
                    "client_cert_file and client_key_file must be set together");
        }
        return new ConnectionSettings.TlsSettings(ca, cert, key);
    }

    private static Route route(int index, String path, String fromKey, String from, String toKey, String to,
                               String qosText, Integer partitions, Boolean reliable, String keyText,
                               Integer maxInFlight) {
        TopicFilter filter;
        try {
            filter = TopicFilter.parse(ConfigException.requireText(path + "." + fromKey, from));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(path + "." + fromKey, e.getMessage(), e);
        }
        String topic = ConfigException.requireText(path + "." + toKey, to);
        if (!topic.matches("/[A-Za-z0-9_-]+/[A-Za-z0-9_-]+")) {
            throw new ConfigException(path + "." + toKey, "a Danube topic looks like /namespace/topic (letters,"
                                                          + " digits, _ and -), got '" + topic + "'");
        }
        int qos = qos(path + ".qos", qosText);
        int parts = partitions == null ? 0 : partitions;
        if (parts < 0) {
            throw new ConfigException(path + ".partitions", "must be >= 0, got " + parts);
        }
        int inFlight = maxInFlight == null ? 1 : maxInFlight;
        if (inFlight < 1) {
            throw new ConfigException(path + ".max_in_flight", "must be >= 1, got " + inFlight);
        }
        RoutingKey key;
        try {
            key = RoutingKey.parse(keyText);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(path + ".key", e.getMessage(), e);
        }
        return new Route(index, filter, topic, qos, parts, reliable != null ? reliable : qos > 0, key, inFlight);
    }

    private static int qos(String key, String text) {
        if (text == null) {
            return 1;
        }
        Integer qos = QOS_NAMES.get(text.trim().replace("_", "").toLowerCase(Locale.ROOT));
        if (qos == null) {
            throw new ConfigException(key, "expected AtMostOnce, AtLeastOnce, ExactlyOnce or 0, 1, 2, got '" + text
                                           + "'");
        }
        return qos;
    }

    /** Two routes to one Danube topic share its producer, so they must agree on its shape. */
    private static void checkSameTopicSameShape(List<Route> routes) {
        for (Route route : routes) {
            for (Route earlier : routes.subList(0, route.index())) {
                if (earlier.danubeTopic().equals(route.danubeTopic())
                    && (earlier.partitions() != route.partitions()
                        || earlier.reliableDispatch() != route.reliableDispatch()
                        || earlier.maxInFlight() != route.maxInFlight())) {
                    throw new ConfigException("mqtt route " + (route.index() + 1) + " (" + route.label() + ")",
                            "sends to " + route.danubeTopic() + " like route " + (earlier.index() + 1)
                            + " but with other partitions / reliable_dispatch / max_in_flight; one topic has one"
                            + " shape");
                }
            }
        }
    }

    private static Path existingFile(ConfigPaths paths, String key, String value) {
        return value == null || value.isBlank() ? null : paths.resolve(key, value);
    }

    private static int positiveOr(String key, Integer value, int defaultValue, int minimum) {
        if (value == null) {
            return defaultValue;
        }
        if (value < minimum) {
            throw new ConfigException(key, "must be at least " + minimum + ", got " + value);
        }
        return value;
    }

    private static boolean firstNonNull(Boolean first, Boolean second, boolean otherwise) {
        return first != null ? first : second != null ? second : otherwise;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
