package io.danube.connect.mqtt.config;

/**
 * One {@code [[mqtt.routes]]} entry (the Rust connector's shape).
 *
 * @param from             MQTT topic filter, {@code +} and {@code #} allowed, or {@code $share/group/filter}
 * @param to               Danube topic
 * @param qos              {@code AtMostOnce}, {@code AtLeastOnce} (default), {@code ExactlyOnce} or 0 / 1 / 2
 * @param partitions       Danube partitions (0 = not partitioned)
 * @param reliableDispatch default: false for QoS 0, true otherwise
 * @param key              routing key: {@code topic} (default), {@code none} or {@code user_property:<name>}
 * @param maxInFlight      Danube sends in flight per partition: 1 (default) keeps MQTT arrival order per partition,
 *                         more declares order irrelevant and pipelines the sends
 */
public record RouteSection(String from, String to, String qos, Integer partitions, Boolean reliableDispatch,
                           String key, Integer maxInFlight) {
}
