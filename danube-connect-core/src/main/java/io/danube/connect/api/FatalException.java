package io.danube.connect.api;

import java.util.Map;

/**
 * The connector cannot go on (bad credentials, missing table, broken invariant): the runtime stops gracefully,
 * leaves the current batch unacknowledged for redelivery and exits with a non-zero code so an orchestrator restarts it.
 */
public class FatalException extends ConnectorException {

    public FatalException(String message) {
        this(message, null, Map.of());
    }

    public FatalException(String message, Throwable cause) {
        this(message, cause, Map.of());
    }

    /** @param context details such as the table or record id, shown in logs and dead-letter attributes */
    public FatalException(String message, Throwable cause, Map<String, String> context) {
        super(message, cause, context);
    }

    @Override
    public ErrorCategory category() {
        return ErrorCategory.FATAL;
    }
}
