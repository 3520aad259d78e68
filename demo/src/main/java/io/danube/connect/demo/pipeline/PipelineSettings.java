package io.danube.connect.demo.pipeline;

/**
 * Everything the two connectors of the demo need to know.
 *
 * @param danubeServiceUrl the embedded broker
 * @param mqttHost         the MQTT broker the source subscribes to
 * @param mqttPort         its port
 * @param mqttFilter       MQTT topic filter of the sample readings, e.g. {@code sensors/demo-1a2b/#}
 * @param probeMqttTopic   MQTT topic of the readiness probe, outside {@code mqttFilter}
 * @param probeDanubeTopic where the source forwards the probe (the sink does not read it)
 * @param runId            unique to the run: part of connector names, the MQTT client id and the subscription
 * @param danubeTopic      the topic between source and sink, e.g. {@code /iot/sensors}
 * @param jdbcUrl          the database the sink writes to
 * @param jdbcUser         its user
 * @param table            the table the sink creates and fills
 */
public record PipelineSettings(String danubeServiceUrl, String mqttHost, int mqttPort, String mqttFilter,
                               String probeMqttTopic, String probeDanubeTopic, String runId,
                               String danubeTopic, String jdbcUrl, String jdbcUser, String table) {

    /** Where the webhook source takes readings posted over HTTP. */
    public static final String WEBHOOK_PATH = "/readings";

    public String webhookName() {
        return "demo-webhook-source-" + runId;
    }

    public String sourceName() {
        return "demo-mqtt-source-" + runId;
    }

    public String sinkName() {
        return "demo-jdbc-sink-" + runId;
    }

    public String sinkSubscription() {
        return "demo-jdbc-sink";
    }
}
