package io.danube.connect.mqtt.config;

import com.fasterxml.jackson.annotation.JsonAlias;

/**
 * One {@code [[mqtt.topic_mappings]]} entry (the architecture document's shape); same meaning as a
 * {@link RouteSection}.
 */
public record TopicMappingSection(String mqttTopic, String danubeTopic, String qos, Integer partitions,
                                  @JsonAlias("reliable") Boolean reliableDispatch, String key,
                                  Integer maxInFlight) {
}
