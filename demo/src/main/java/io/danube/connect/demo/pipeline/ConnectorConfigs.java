package io.danube.connect.demo.pipeline;

/**
 * The TOML configs of the demo's connectors, in the same format an operator writes for
 * {@code ./danube-connect run}: the MQTT source (sample readings into a Danube topic) and the JDBC sink (that topic
 * into a table it creates), and the webhook source (JSON readings posted over HTTP into the same topic). Each serves
 * {@code /metrics} and {@code /health} on a free loopback port.
 *
 * <p>The source has a second route, for the readiness probe: the source subscribes its filters in route order, so a
 * probe that comes through proves that the readings' subscription is in place.
 */
public final class ConnectorConfigs {

    private ConnectorConfigs() {
    }

    public static String mqttSource(PipelineSettings settings) {
        return """
                danube_service_url = %s
                connector_name = %s

                [processing]
                metrics_host = "127.0.0.1"
                metrics_port = 0

                [mqtt]
                broker_host = %s
                broker_port = %d
                client_id = %s

                [[mqtt.routes]]
                from = %s
                to = %s
                qos = "AtLeastOnce"
                reliable_dispatch = true

                [[mqtt.routes]]
                from = %s
                to = %s
                qos = "AtLeastOnce"
                reliable_dispatch = true
                """.formatted(quote(settings.danubeServiceUrl()), quote(settings.sourceName()),
                quote(settings.mqttHost()), settings.mqttPort(), quote("demo-source-" + settings.runId()),
                quote(settings.mqttFilter()), quote(settings.danubeTopic()), quote(settings.probeMqttTopic()),
                quote(settings.probeDanubeTopic()));
    }

    public static String jdbcSink(PipelineSettings settings) {
        return """
                danube_service_url = %s
                connector_name = %s

                [processing]
                metrics_host = "127.0.0.1"
                metrics_port = 0
                batch_size = 100
                batch_timeout_ms = 500

                [jdbc]
                url = %s
                user = %s
                pool_size = 2

                [[jdbc.routes]]
                from = %s
                subscription = %s
                subscription_type = "Shared"
                to = %s
                mode = "insert"
                auto_create = true
                """.formatted(quote(settings.danubeServiceUrl()), quote(settings.sinkName()),
                quote(settings.jdbcUrl()), quote(settings.jdbcUser()), quote(settings.danubeTopic()),
                quote(settings.sinkSubscription()), quote(settings.table()));
    }

    public static String webhookSource(PipelineSettings settings) {
        return """
                danube_service_url = %s
                connector_name = %s

                [processing]
                metrics_host = "127.0.0.1"
                metrics_port = 0

                [server]
                host = "127.0.0.1"
                port = 0

                [auth]
                type = "none"

                [[routes]]
                from = %s
                to = %s
                reliable_dispatch = true
                require_json = true
                """.formatted(quote(settings.danubeServiceUrl()), quote(settings.webhookName()),
                quote(PipelineSettings.WEBHOOK_PATH), quote(settings.danubeTopic()));
    }

    /** A TOML basic string. */
    static String quote(String value) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
