package io.danube.connect.launcher;

import io.danube.connect.api.Connector;
import io.danube.connect.config.ConfigException;
import io.danube.connect.config.ConnectorConfig;

import java.util.List;

/**
 * Which connector a config file runs: its {@code connector_class}, else {@code CONNECTOR_CLASS}, else the only
 * registered connector, else the only registered connector that recognises the file's sections.
 */
final class ConnectorChoice {

    private ConnectorChoice() {
    }

    static String choose(ConnectorConfig config, String fromEnvironment, List<? extends Connector> registered) {
        if (config.connectorClass().isPresent()) {
            return config.connectorClass().get();
        }
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment;
        }
        if (registered.isEmpty()) {
            throw new ConfigException("connector_class",
                    "not set, CONNECTOR_CLASS is not set, and no connector is registered as a service");
        }
        if (registered.size() == 1) {
            return registered.get(0).getClass().getName();
        }
        List<String> recognising = registered.stream()
                .filter(connector -> !connector.identifyingSections().isEmpty()
                                     && config.sectionNames().containsAll(connector.identifyingSections()))
                .map(connector -> connector.getClass().getName())
                .toList();
        if (recognising.size() == 1) {
            return recognising.get(0);
        }
        throw new ConfigException("connector_class", "not set, and the file's sections " + config.sectionNames()
                + " do not single out one of the connectors on the class path: "
                + registered.stream().map(connector -> connector.getClass().getName()).toList());
    }
}
