package io.danube.connect.api;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Base of the three error categories a connector throws to tell the runtime what to do next. Unchecked, so connector
 * code can throw it from anywhere; carries a cause and key/value context that ends up in the logs and, for invalid
 * data, in the dead-letter attributes.
 */
public abstract class ConnectorException extends RuntimeException {

    private final Map<String, String> context;

    protected ConnectorException(String message, Throwable cause, Map<String, String> context) {
        super(message, cause);
        this.context = Map.copyOf(context);
    }

    /** Key/value details about where the error happened (table, record id, ...); never null. */
    public Map<String, String> context() {
        return context;
    }

    /** The error category as it appears in metrics labels and dead-letter attributes. */
    public abstract ErrorCategory category();

    @Override
    public String getMessage() {
        if (context.isEmpty()) {
            return super.getMessage();
        }
        return super.getMessage() + " " + new LinkedHashMap<>(context);
    }
}
