package io.danube.connect.mqtt;

import io.danube.client.consumer.Consumer;
import io.danube.client.message.ReceivedMessage;
import io.danube.connect.observability.HealthStatus;
import io.danube.connect.runtime.source.SourceRuntime;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Routing of real MQTT messages (own Mosquitto) to Danube topics by the first matching route. */
class MqttRoutingTest extends PrivateMosquittoTestSupport {

    @TempDir
    Path dir;

    private SourceRuntime connector(String prefix, String routes) throws Exception {
        return connector(unique("routing"), prefix, routes);
    }

    private SourceRuntime connector(String name, String prefix, String routes) throws Exception {
        SourceRuntime runtime = startConnector(load(dir, coreToml(name) + """
                [mqtt]
                broker_host = "127.0.0.1"
                broker_port = %d
                client_id = "%s"
                %s
                """.formatted(mosquitto.port(), name, routes.replace("PFX", prefix))));
        await("connected to MQTT").atMost(Duration.ofSeconds(15)).until(() ->
                runtime.health().snapshot().components().get("mqtt").status() == HealthStatus.HEALTHY);
        return runtime;
    }

    @Test
    void firstMatchingRouteWinsAndOverlappingSubscriptionsPublishOnce() throws Exception {
        String p = unique("fm");
        String special = "/default/" + p + "-special";
        String rest = "/default/" + p + "-rest";
        connector(p, """
                [[mqtt.routes]]
                from = "PFX/a/special"
                to = "%s"
                [[mqtt.routes]]
                from = "PFX/a/#"
                to = "%s"
                """.formatted(special, rest));
        Consumer specialReader = subscribe(special);
        Consumer restReader = subscribe(rest);
        MqttClient publisher = publisher(mosquitto.tcpUrl());

        publish(publisher, p + "/a/special", "s1", 1);
        publish(publisher, p + "/a/other", "o1", 1);

        assertThat(drain(specialReader, Duration.ofSeconds(2))).extracting(MqttTestSupport::text)
                .containsExactly("s1");
        assertThat(drain(restReader, Duration.ofMillis(500))).extracting(MqttTestSupport::text)
                .containsExactly("o1");
    }

    @Test
    void multiLevelWildcardMatchesItsParentLevelAndSingleLevelWildcardOneLevel() throws Exception {
        String p = unique("wc");
        String rooms = "/default/" + p + "-rooms";
        String all = "/default/" + p + "-all";
        connector(p, """
                [[mqtt.routes]]
                from = "PFX/+/temp"
                to = "%s"
                [[mqtt.routes]]
                from = "PFX/#"
                to = "%s"
                """.formatted(rooms, all));
        Consumer roomReader = subscribe(rooms);
        Consumer allReader = subscribe(all);
        MqttClient publisher = publisher(mosquitto.tcpUrl());

        publish(publisher, p + "/kitchen/temp", "one-level", 1);
        publish(publisher, p + "/kitchen/oven/temp", "two-levels", 1);
        publish(publisher, p, "parent", 1);

        assertThat(drain(roomReader, Duration.ofSeconds(2))).extracting(MqttTestSupport::text)
                .containsExactly("one-level");
        assertThat(drain(allReader, Duration.ofMillis(500))).extracting(MqttTestSupport::text)
                .containsExactlyInAnyOrder("two-levels", "parent");
    }

    @Test
    void messageOfALeftoverSessionSubscriptionThatNoRouteMatchesIsCountedAndNotPublished() throws Exception {
        String p = unique("um");
        String out = "/default/" + p + "-out";
        String clientId = unique("um-client");
        connector(clientId, p, """
                [[mqtt.routes]]
                from = "PFX/#"
                to = "%s"
                """.formatted(out)).stop();
        SourceRuntime runtime = connector(clientId, p, """
                [[mqtt.routes]]
                from = "PFX/x"
                to = "%s"
                """.formatted(out));
        Consumer reader = subscribe(out);
        MqttClient publisher = publisher(mosquitto.tcpUrl());

        publish(publisher, p + "/other", "old-subscription", 1);
        publish(publisher, p + "/x", "routed", 1);

        assertThat(drain(reader, Duration.ofSeconds(2))).extracting(MqttTestSupport::text)
                .containsExactly("routed");
        await("unmatched counted").atMost(Duration.ofSeconds(30)).until(() -> runtime.metrics().scrape()
                .contains("mqtt_messages_unmatched_total{connector=\"" + runtime.health().snapshot().connector()
                          + "\"} 1.0"));
    }

    @Test
    void payloadBytesAndMqttMetadataBecomeTheRecordWithTheTopicAsKey() throws Exception {
        String p = unique("md");
        String out = "/default/" + p + "-out";
        SourceRuntime runtime = connector(p, """
                [[mqtt.routes]]
                from = "PFX/dev/+"
                to = "%s"
                """.formatted(out));
        Consumer reader = subscribe(out);
        MqttClient publisher = publisher(mosquitto.tcpUrl());
        byte[] binary = {0, (byte) 0xFF, 'x', 10};
        MqttProperties properties = new MqttProperties();
        properties.setContentType("application/octet-stream");
        properties.setUserProperties(List.of(new UserProperty("site", "north"), new UserProperty("unit", "C")));

        publisher.publish(p + "/dev/d1", new MqttMessage(binary, 1, false, properties));

        ReceivedMessage message = reader.receive(Duration.ofSeconds(10)).orElseThrow();
        assertThat(message.payload()).isEqualTo(binary);
        assertThat(message.attributes()).containsEntry("mqtt.topic", p + "/dev/d1")
                .containsEntry("mqtt.qos", "1").containsEntry("mqtt.retain", "false")
                .containsEntry("mqtt.dup", "false").containsEntry("mqtt.content_type", "application/octet-stream")
                .containsEntry("site", "north").containsEntry("unit", "C");
        assertThat(message.routingKey()).contains(p + "/dev/d1");
        await().atMost(Duration.ofSeconds(5)).until(() -> runtime.metrics().scrape()
                .contains("mqtt_messages_received_total{connector="));
    }
}
