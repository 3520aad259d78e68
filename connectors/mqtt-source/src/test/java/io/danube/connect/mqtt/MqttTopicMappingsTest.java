package io.danube.connect.mqtt;

import io.danube.client.consumer.Consumer;
import io.danube.client.message.ReceivedMessage;
import io.danube.connect.observability.HealthStatus;
import io.danube.connect.runtime.source.SourceRuntime;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The architecture document's {@code [[mqtt.topic_mappings]]} example: partitions, reliability, keyed order. */
class MqttTopicMappingsTest extends PrivateMosquittoTestSupport {

    private static final int DEVICES = 8;
    private static final int PER_DEVICE = 50;

    @TempDir
    Path dir;

    @Test
    void twoMappingsLandOnTheirTopicsAndPartitionsAndEachDeviceKeepsItsOrder() throws Exception {
        String p = unique("tm");
        String sensors = "/iot/sensors-" + p;
        String debug = "/iot/debug-" + p;
        SourceRuntime runtime = startConnector(load(dir, coreToml(p) + """
                [mqtt]
                url = "%s"
                client_id = "%s"

                [[mqtt.topic_mappings]]
                mqtt_topic = "%s/sensors/#"
                danube_topic = "%s"
                partitions = 8

                [[mqtt.topic_mappings]]
                mqtt_topic = "%s/debug/#"
                danube_topic = "%s"
                partitions = 1
                reliable_dispatch = false
                """.formatted(mosquitto.tcpUrl(), p, p, sensors, p, debug)));
        await().atMost(Duration.ofSeconds(15)).until(() ->
                runtime.health().snapshot().components().get("mqtt").status() == HealthStatus.HEALTHY);
        Consumer sensorReader = subscribePartitioned(sensors, 8, true);
        Consumer debugReader = subscribePartitioned(debug, 1, false);
        MqttClient publisher = publisher(mosquitto.tcpUrl());

        for (int seq = 0; seq < PER_DEVICE; seq++) {
            for (int device = 0; device < DEVICES; device++) {
                publish(publisher, p + "/sensors/device-" + device, "device-" + device + ":" + seq, 1);
            }
        }
        publish(publisher, p + "/debug/trace", "debug-line", 0);

        List<ReceivedMessage> readings = new ArrayList<>();
        await("all readings").atMost(Duration.ofSeconds(30)).until(() -> {
            readings.addAll(drain(sensorReader, Duration.ofMillis(300)));
            return readings.size() >= DEVICES * PER_DEVICE;
        });
        assertThat(readings).hasSize(DEVICES * PER_DEVICE);
        Map<String, List<ReceivedMessage>> byDevice = readings.stream().collect(Collectors.groupingBy(
                message -> text(message).split(":")[0], LinkedHashMap::new, Collectors.toList()));
        assertThat(byDevice).hasSize(DEVICES);
        for (List<ReceivedMessage> deviceMessages : byDevice.values()) {
            assertThat(deviceMessages.stream().map(ReceivedMessage::topic).distinct()).hasSize(1);
            assertThat(deviceMessages).extracting(message -> Integer.parseInt(text(message).split(":")[1]))
                    .isSorted();
        }
        Set<String> partitions = readings.stream().map(ReceivedMessage::topic).collect(Collectors.toSet());
        assertThat(partitions).allMatch(topic -> topic.matches(sensors + "-part-[0-7]")).hasSizeGreaterThan(1);

        List<ReceivedMessage> debugLines = drain(debugReader, Duration.ofSeconds(2));
        assertThat(debugLines).extracting(MqttTestSupport::text).containsExactly("debug-line");
        assertThat(debugLines.get(0).topic()).isEqualTo(debug + "-part-0");
        assertThat(debugLines.get(0).attributes()).containsEntry("mqtt.qos", "0");
    }
}
