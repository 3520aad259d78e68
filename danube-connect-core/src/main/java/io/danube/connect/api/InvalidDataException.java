package io.danube.connect.api;

import java.util.Map;

/**
 * A record that can never be processed (malformed payload, constraint violation): the runtime sends it to the
 * dead-letter topic with attributes naming the error and acknowledges it. Thrown from a batch, the runtime first
 * isolates the poison records by processing the batch one record at a time, so the good records still commit.
 */
public class InvalidDataException extends ConnectorException {

    public InvalidDataException(String message) {
        this(message, null, Map.of());
    }

    public InvalidDataException(String message, Throwable cause) {
        this(message, cause, Map.of());
    }

    /** @param context details such as the table or record id, shown in logs and dead-letter attributes */
    public InvalidDataException(String message, Throwable cause, Map<String, String> context) {
        super(message, cause, context);
    }

    @Override
    public ErrorCategory category() {
        return ErrorCategory.INVALID_DATA;
    }
}
