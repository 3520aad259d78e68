package io.danube.connect.mqtt.routing;

/**
 * One MQTT → Danube route.
 *
 * @param index            position in the file (first match wins), 0-based
 * @param filter           the MQTT filter messages must match
 * @param danubeTopic      destination topic
 * @param qos              the QoS configured for the route (0, 1 or 2)
 * @param partitions       Danube partitions of the destination (0 = not partitioned)
 * @param reliableDispatch reliable dispatch on Danube
 * @param key              where the routing key comes from
 * @param maxInFlight      Danube sends in flight per partition (1 = in arrival order)
 */
public record Route(int index, TopicFilter filter, String danubeTopic, int qos, int partitions,
                    boolean reliableDispatch, RoutingKey key, int maxInFlight) {

    /**
     * The QoS the route subscribes with. QoS 2 is subscribed as QoS 1: Paho answers PUBREC to a QoS 2 message as
     * soon as it arrives, after which the broker never sends it again, so a crash before Danube accepted it would
     * lose it. At QoS 1 the PUBACK waits for Danube and the broker redelivers after a crash.
     */
    public int subscribeQos() {
        return Math.min(qos, 1);
    }

    /** A short name for logs and the {@code route} metric label. */
    public String label() {
        return filter.subscription() + " -> " + danubeTopic;
    }
}
