package io.danube.bench.mqtt;

import io.danube.bench.BenchOptions;
import io.danube.bench.BenchResult;
import io.danube.bench.Medians;
import io.danube.bench.Progress;
import io.danube.bench.Scenario;
import io.danube.client.DanubeClient;
import io.danube.connect.config.ConnectorConfig;
import io.danube.connect.config.ProcessingSettings;
import io.danube.connect.mqtt.MqttSourceConnector;
import io.danube.connect.runtime.source.SourceRuntime;
import io.danube.embedded.EmbeddedDanube;
import io.micrometer.core.instrument.Counter;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code mqtt-source}: QoS 1 messages published to a Mosquitto of the benchmark's own reach Danube (embedded broker)
 * through the MQTT source connector, against a hand-written Paho → danube-client bridge with the same QoS, manual
 * acknowledgements, in-flight window and producer shape (reliable, {@code partitions}, keyed by MQTT topic), rounds
 * alternating in the same run. The plain Paho subscriber's receive rate alone shows what the Danube hop costs.
 * Rates run from the first publish until the last message arrived at a Danube consumer (or at the plain
 * subscriber). Latency is publish to arrival at the Danube consumer, once at full speed (mostly queueing) and once
 * with {@code paced-messages} published at {@code paced-rate} per second, well below saturation (the hop's own cost).
 * A third connector pass declares order irrelevant ({@code max_in_flight} = {@code max-in-flight}) and is compared
 * with the plain subscriber twice: read back as above, and by what Danube confirmed to the connector, with no reader
 * running during the pass. The plain subscriber's clock stops when it has taken the last message; the confirmed
 * clock stops when Danube has stored the last message and told the connector so, the moment the connector
 * acknowledges it to Mosquitto. The reader's acknowledgements are one more RPC per message on the same two cores,
 * a cost neither the plain subscriber nor a source pays; the topic is read afterwards, off the clock, to check that
 * every message is in it.
 * Whole rounds of the three connector and bridge passes run first as a warm-up and are not counted
 * ({@code --warmup-rounds}): the connector's path through Camel has more code for the JIT to compile than the
 * bridge's, and a shorter warm-up left it behind in the first counted round.
 */
public final class MqttSourceScenario implements Scenario {

    /**
     * Every pass publishes to the same MQTT topics (one subscriber at a time, clean sessions), so the routing keys —
     * the MQTT topics — spread over the partitions identically for the connector and the bridge.
     */
    private static final String MQTT_PREFIX = "bench";

    @Override
    public String name() {
        return "mqtt-source";
    }

    @Override
    public Set<String> options() {
        return Set.of("messages", "size", "window", "partitions", "rounds", "paced-rate", "paced-messages",
                "max-in-flight", "warmup-rounds");
    }

    @Override
    public List<BenchResult> run(BenchOptions options) throws Exception {
        int messages = options.intValue("messages", 100_000);
        int size = options.intValue("size", 256);
        int window = options.intValue("window", 1000);
        int partitions = options.intValue("partitions", 4);
        int rounds = options.intValue("rounds", 3);
        int pacedRate = options.intValue("paced-rate", 1000);
        int pacedMessages = options.intValue("paced-messages", 5000);
        int maxInFlight = options.intValue("max-in-flight", 16);
        int warmupRounds = options.intValue("warmup-rounds", 1);
        Medians connector = new Medians();
        Medians bridge = new Medians();
        Medians plain = new Medians();
        Medians pipelined = new Medians();
        Medians confirmed = new Medians();
        Medians connectorP50 = new Medians();
        Medians connectorP99 = new Medians();
        Medians bridgeP50 = new Medians();
        Medians bridgeP99 = new Medians();
        Medians pacedConnectorP50 = new Medians();
        Medians pacedConnectorP99 = new Medians();
        Medians pacedBridgeP50 = new Medians();
        Medians pacedBridgeP99 = new Medians();
        try (BenchMosquitto mosquitto = BenchMosquitto.start();
             EmbeddedDanube danube = EmbeddedDanube.start();
             DanubeClient client = DanubeClient.builder().serviceUrl(danube.serviceUrl()).build()) {
            Progress.log("mosquitto %s, danube %s: %d messages of %d bytes, window %d, %d partitions",
                    mosquitto.url(), danube.serviceUrl(), messages, size, window, partitions);
            for (int round = 1; round <= warmupRounds; round++) {
                Run warm = new Run(mosquitto, danube, client, "w" + round, messages, 0, size, window, partitions);
                double warmConnector = warm.throughConnector().rate();
                double warmBridge = warm.throughBridge().rate();
                double warmUnordered = warm.throughConnector(maxInFlight).rate();
                Progress.log("warm-up round %d/%d: connector %.0f msg/s, bridge %.0f msg/s, connector with"
                             + " max_in_flight %d %.0f msg/s", round, warmupRounds, warmConnector, warmBridge,
                        maxInFlight, warmUnordered);
            }
            for (int round = 1; round <= rounds; round++) {
                Run run = new Run(mosquitto, danube, client, "r" + round, messages, 0, size, window, partitions);
                Outcome viaConnector = run.throughConnector();
                Outcome viaBridge = run.throughBridge();
                double subscriberAlone = run.plainSubscriber();
                double unordered = run.throughConnector(maxInFlight).rate();
                double unorderedConfirmed = run.confirmedByConnector(maxInFlight);
                pipelined.add(unordered);
                confirmed.add(unorderedConfirmed);
                connector.add(viaConnector.rate());
                bridge.add(viaBridge.rate());
                plain.add(subscriberAlone);
                connectorP50.add(viaConnector.p50());
                connectorP99.add(viaConnector.p99());
                bridgeP50.add(viaBridge.p50());
                bridgeP99.add(viaBridge.p99());
                Progress.log("round %d/%d: connector %.0f msg/s (p50 %.0f µs, p99 %.0f µs), bridge %.0f msg/s"
                             + " (p50 %.0f µs, p99 %.0f µs), plain subscriber %.0f msg/s", round, rounds,
                        viaConnector.rate(), viaConnector.p50(), viaConnector.p99(), viaBridge.rate(),
                        viaBridge.p50(), viaBridge.p99(), subscriberAlone);
                Progress.log("round %d/%d: connector with max_in_flight %d %.0f msg/s read back, %.0f msg/s"
                             + " confirmed", round, rounds, maxInFlight, unordered, unorderedConfirmed);
                Run paced = new Run(mosquitto, danube, client, "p" + round, pacedMessages, pacedRate, size, window,
                        partitions);
                // the first paced pass follows the full-speed ones: the two take turns at going first
                Outcome pacedConnector;
                Outcome pacedBridge;
                if (round % 2 == 1) {
                    pacedConnector = paced.throughConnector();
                    pacedBridge = paced.throughBridge();
                } else {
                    pacedBridge = paced.throughBridge();
                    pacedConnector = paced.throughConnector();
                }
                pacedConnectorP50.add(pacedConnector.p50());
                pacedConnectorP99.add(pacedConnector.p99());
                pacedBridgeP50.add(pacedBridge.p50());
                pacedBridgeP99.add(pacedBridge.p99());
                Progress.log("round %d/%d at %d msg/s: connector p50 %.0f µs, p99 %.0f µs; bridge p50 %.0f µs,"
                             + " p99 %.0f µs", round, rounds, pacedRate, pacedConnector.p50(), pacedConnector.p99(),
                        pacedBridge.p50(), pacedBridge.p99());
            }
        }
        return List.of(
                new BenchResult(name(), "connector_vs_bridge", connector.median(), bridge.median(), "msg/s"),
                new BenchResult(name(), "bridge_vs_plain_subscriber", bridge.median(), plain.median(), "msg/s"),
                new BenchResult(name(), "unordered_connector_vs_plain_subscriber", pipelined.median(),
                        plain.median(), "msg/s"),
                new BenchResult(name(), "unordered_connector_confirmed_vs_plain_subscriber", confirmed.median(),
                        plain.median(), "msg/s"),
                new BenchResult(name(), "p50_latency", connectorP50.median(), bridgeP50.median(), "us"),
                new BenchResult(name(), "p99_latency", connectorP99.median(), bridgeP99.median(), "us"),
                new BenchResult(name(), "paced_p50_latency", pacedConnectorP50.median(), pacedBridgeP50.median(),
                        "us"),
                new BenchResult(name(), "paced_p99_latency", pacedConnectorP99.median(), pacedBridgeP99.median(),
                        "us"));
    }

    /** A rate and the latency percentiles of one pass. */
    private record Outcome(double rate, double p50, double p99) {
    }

    /**
     * One round: fresh MQTT topics, client ids and Danube topics for each of the three passes; {@code perSecond} paces
     * the publisher (0: as fast as Mosquitto acknowledges).
     */
    private record Run(BenchMosquitto mosquitto, EmbeddedDanube danube, DanubeClient client, String round,
                       int messages, int perSecond, int size, int window, int partitions) {

        Outcome throughConnector() throws Exception {
            return throughConnector(1);
        }

        /** The connector, with {@code maxInFlight} sends in flight per partition (&gt; 1: order irrelevant). */
        Outcome throughConnector(int maxInFlight) throws Exception {
            String id = "bench-connector-" + round + (maxInFlight > 1 ? "-unordered" : "");
            String topic = "/default/" + id;
            createTopic(topic);
            SourceRuntime runtime = startConnector(id, topic, maxInFlight);
            try {
                return measure(id, topic);
            } finally {
                runtime.stop();
            }
        }

        /**
         * The connector's rate by Danube's confirmations (its {@code connector.messages.sent} count), from the first
         * publish until the last message was confirmed; no reader runs meanwhile. The topic is then read to check
         * that every message reached it. A probe confirmed after the count was taken would end the clock one message
         * early, at most one in {@code messages}.
         */
        double confirmedByConnector(int maxInFlight) throws Exception {
            String id = "bench-connector-" + round + "-confirmed";
            String topic = "/default/" + id;
            createTopic(topic);
            SourceRuntime runtime = startConnector(id, topic, maxInFlight);
            try (DanubeArrivals check = DanubeArrivals.held(client, topic, id + "-check", messages);
                 MqttPublisher publisher = new MqttPublisher(mosquitto.url(), id + "-pub", window)) {
                Counter sent = sentCounter(runtime, topic);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (sent == null || sent.count() == 0) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("no probe message was confirmed by Danube within 30 s");
                    }
                    publisher.publishOne(MQTT_PREFIX + "/probe", new byte[1]);
                    Thread.sleep(100);
                    sent = sentCounter(runtime, topic);
                }
                double target = sent.count() + messages;
                long start = System.nanoTime();
                publisher.publish(MQTT_PREFIX, messages, size, 0);
                deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
                while (sent.count() < target) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("Danube confirmed only " + (long) (sent.count() - target
                                                        + messages) + " of " + messages + " messages within 180 s");
                    }
                    Thread.sleep(1);
                }
                long end = System.nanoTime();
                check.startReading();
                check.awaitAll(messages);
                return messages / ((end - start) / 1e9);
            } finally {
                runtime.stop();
            }
        }

        /**
         * The connector's {@code connector.messages.sent} counter of {@code topic}, or {@code null} before the first
         * confirmation registered it. Looked up once and then read: a registry search on every poll would take CPU
         * from the pass being timed.
         */
        private static Counter sentCounter(SourceRuntime runtime, String topic) {
            return runtime.metrics().registry().find("connector.messages.sent").tag("topic", topic).counter();
        }

        private SourceRuntime startConnector(String id, String topic, int maxInFlight) {
            ConnectorConfig config = ConnectorConfig.builder()
                    .danubeServiceUrl(danube.serviceUrl())
                    .connectorName(id)
                    .processing(new ProcessingSettings(1000, ProcessingSettings.DEFAULTS.batchTimeout(),
                            ProcessingSettings.DEFAULTS.batchLinger(), ProcessingSettings.DEFAULTS.pollInterval(), -1,
                            "127.0.0.1", "warn", ProcessingSettings.DEFAULTS.healthCheckInterval(), 3,
                            ProcessingSettings.DEFAULTS.shutdownTimeout()))
                    .section("mqtt", Map.of(
                            "url", mosquitto.url(),
                            "client_id", id,
                            "clean_session", true,
                            "receive_maximum", window,
                            "routes", List.of(Map.of("from", MQTT_PREFIX + "/#", "to", topic, "qos", "AtLeastOnce",
                                    "partitions", partitions, "max_in_flight", maxInFlight))))
                    .build();
            SourceRuntime runtime = new SourceRuntime(new MqttSourceConnector(), config);
            runtime.start();
            return runtime;
        }

        Outcome throughBridge() throws Exception {
            String id = "bench-bridge-" + round;
            String topic = "/default/" + id;
            createTopic(topic);
            try (PahoDanubeBridge bridge = new PahoDanubeBridge(mosquitto.url(), id, MQTT_PREFIX + "/#", client,
                    topic, partitions, window)) {
                return measure(id, topic);
            }
        }

        double plainSubscriber() throws Exception {
            String id = "bench-plain-" + round;
            AtomicLong received = new AtomicLong();
            MqttClient subscriber = new MqttClient(mosquitto.url(), id, new MemoryPersistence());
            subscriber.setCallback(new CountingCallback(received));
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setCleanStart(true);
            options.setReceiveMaximum(window);
            subscriber.connect(options);
            subscriber.subscribe(MQTT_PREFIX + "/#", 1);
            try (MqttPublisher publisher = new MqttPublisher(mosquitto.url(), id + "-pub", window)) {
                long start = System.nanoTime();
                publisher.publish(MQTT_PREFIX, messages, size, 0);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (received.get() < messages) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("plain subscriber got " + received.get() + " of "
                                                        + messages);
                    }
                    Thread.sleep(1);
                }
                return messages / ((System.nanoTime() - start) / 1e9);
            } finally {
                subscriber.disconnect();
                subscriber.close();
            }
        }

        /** Creates every partition up front, so the measuring consumer listens to all of them. */
        private void createTopic(String topic) {
            client.newProducer().topic(topic).name(topic.substring("/default/".length()) + "-shape")
                    .partitions(partitions).reliable().create().close();
        }

        private Outcome measure(String id, String topic) throws Exception {
            try (DanubeArrivals arrivals = DanubeArrivals.reading(client, topic, id + "-reader", messages);
                 MqttPublisher publisher = new MqttPublisher(mosquitto.url(), id + "-pub", window)) {
                arrivals.awaitLive(() -> publisher.publishOne(MQTT_PREFIX + "/probe", new byte[1]));
                long start = System.nanoTime();
                publisher.publish(MQTT_PREFIX, messages, size, perSecond);
                long end = arrivals.awaitAll(messages);
                return new Outcome(messages / ((end - start) / 1e9), arrivals.latencies().percentileMicros(50),
                        arrivals.latencies().percentileMicros(99));
            }
        }
    }

    /** Counts what arrives; Paho acknowledges it (automatic acks). */
    private record CountingCallback(AtomicLong received) implements MqttCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) {
            received.incrementAndGet();
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
        }
    }
}
