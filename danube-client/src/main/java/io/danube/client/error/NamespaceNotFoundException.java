package io.danube.client.error;

import io.grpc.Status;

import java.util.Locale;

/**
 * The broker refused to create a topic because its namespace does not exist. The broker answers UNAVAILABLE, a
 * status the client otherwise retries, but the namespace will not appear by waiting: the client fails at once.
 */
public class NamespaceNotFoundException extends DanubeRpcException {

    private final String namespace;

    public NamespaceNotFoundException(String operation, Status status, String topic, String clientName) {
        super(operation, status, topic, clientName);
        this.namespace = topic == null ? null : topic.split("/", -1)[1];
    }

    /** Whether {@code status} is the broker's answer to a topic in a namespace that does not exist. */
    public static boolean matches(Status status) {
        String description = status.getDescription();
        if (status.getCode() != Status.Code.UNAVAILABLE || description == null) {
            return false;
        }
        String text = description.toLowerCase(Locale.ROOT);
        return text.contains("namespace") && (text.contains("does not exist") || text.contains("not found"));
    }

    /** The missing namespace (the middle part of the topic name). */
    public String namespace() {
        return namespace;
    }
}
