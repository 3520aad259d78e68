package io.danube.faults;

/** The TOML configs of the suite's connectors, as an operator writes them for {@code ./danube-connect run}. */
final class PipelineConfigs {

    private PipelineConfigs() {
    }

    /**
     * The MQTT source: a persistent session (messages queued while it is down arrive after a restart), QoS 1 into a
     * reliable Danube topic. {@code filter} may be a {@code $share/<group>/...} filter.
     */
    static String mqttSource(String serviceUrl, String name, int mqttPort, String clientId, String filter,
                             String topic, int metricsPort) {
        return """
                danube_service_url = "%s"
                connector_name = "%s"

                [processing]
                metrics_host = "127.0.0.1"
                metrics_port = %d

                [mqtt]
                broker_host = "127.0.0.1"
                broker_port = %d
                client_id = "%s"
                clean_session = false
                session_expiry_secs = 3600
                keep_alive_secs = 10

                [[mqtt.routes]]
                from = "%s"
                to = "%s"
                qos = "AtLeastOnce"
                reliable_dispatch = true
                """.formatted(serviceUrl, name, metricsPort, mqttPort, clientId, filter, topic);
    }

    /**
     * The JDBC sink: the topic into a table it creates, insert mode, on a Shared subscription; with the Danube metadata
     * columns, so a duplicate row tells whether the sink wrote one Danube message twice or the source published one
     * MQTT message twice.
     */
    static String jdbcSink(String serviceUrl, String name, String jdbcUrl, String topic, String table,
                           Delivery delivery, int metricsPort) {
        String deliveryKey = delivery == Delivery.AT_LEAST_ONCE ? "" : "delivery = \"" + delivery.label() + "\"\n";
        return """
                danube_service_url = "%s"
                connector_name = "%s"

                [processing]
                metrics_host = "127.0.0.1"
                metrics_port = %d
                batch_size = 200
                batch_timeout_ms = 200

                [jdbc]
                url = "%s"
                user = "postgres"
                pool_size = 2
                connection_timeout_ms = 3000

                [[jdbc.routes]]
                from = "%s"
                subscription = "faults-sink"
                subscription_type = "Shared"
                to = "%s"
                mode = "insert"
                auto_create = true
                metadata_columns = true
                %s""".formatted(serviceUrl, name, metricsPort, jdbcUrl, topic, table, deliveryKey);
    }
}
