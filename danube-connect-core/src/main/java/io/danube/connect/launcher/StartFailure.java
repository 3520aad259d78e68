package io.danube.connect.launcher;

import io.danube.client.error.Causes;
import io.danube.client.error.NamespaceNotFoundException;
import io.danube.connect.config.ConfigException;

import java.util.Optional;

/**
 * Why a connector did not start, as the one line an operator acts on: the cause that says what to change, found
 * anywhere in the exception chain (a Camel route failure wrapping a broker answer, say).
 */
record StartFailure(String message, boolean configError) {

    static StartFailure of(Throwable error) {
        Optional<NamespaceNotFoundException> missing = Causes.find(error, NamespaceNotFoundException.class);
        if (missing.isPresent()) {
            return new StartFailure(missingNamespace(missing.get()), false);
        }
        Optional<ConfigException> config = Causes.find(error, ConfigException.class);
        if (config.isPresent()) {
            return new StartFailure(config.get().getMessage(), true);
        }
        String message = error.getMessage() != null ? error.getMessage() : error.getClass().getName();
        return new StartFailure("Connector failed to start: " + message, false);
    }

    private static String missingNamespace(NamespaceNotFoundException error) {
        String namespace = error.namespace();
        return "Danube namespace '" + namespace + "' does not exist (needed by topic " + error.topic() + "): start"
               + " the embedded broker with `./danube-connect broker --namespace " + namespace + "`, or create it on"
               + " a Danube cluster with `danube-admin-cli namespaces create " + namespace + "`";
    }
}
