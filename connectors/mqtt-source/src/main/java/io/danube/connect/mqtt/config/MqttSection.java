package io.danube.connect.mqtt.config;

import java.util.List;

/**
 * The {@code [mqtt]} section as written in the file. Both route shapes are accepted: the Rust connector's
 * {@code [[mqtt.routes]]} and the architecture document's {@code [[mqtt.topic_mappings]]}. Keys the Rust connector
 * has but that have no effect here ({@code tcp_nodelay}) are accepted so its files load unchanged.
 */
public record MqttSection(
        String url,
        String brokerHost,
        Integer brokerPort,
        String clientId,
        String username,
        String password,
        Boolean useTls,
        String caFile,
        String clientCertFile,
        String clientKeyFile,
        Integer keepAliveSecs,
        Integer connectionTimeoutSecs,
        Boolean cleanSession,
        Boolean cleanStart,
        Long sessionExpirySecs,
        Integer receiveMaximum,
        Integer reconnectMaxDelaySecs,
        Integer reconnectWatchdogSecs,
        Integer maxPacketSize,
        Boolean tcpNodelay,
        Boolean includeMetadata,
        List<RouteSection> routes,
        List<TopicMappingSection> topicMappings) {
}
