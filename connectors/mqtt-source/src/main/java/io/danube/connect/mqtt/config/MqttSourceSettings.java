package io.danube.connect.mqtt.config;

import io.danube.connect.mqtt.routing.Route;

import java.util.List;

/**
 * The connector's settings after parsing: the connection, whether MQTT metadata becomes attributes, and the routes in
 * file order (first match wins).
 */
public record MqttSourceSettings(ConnectionSettings connection, boolean includeMetadata, List<Route> routes) {

    public MqttSourceSettings {
        routes = List.copyOf(routes);
    }
}
