package io.danube.client.error;

import io.grpc.Status;

/**
 * A call to the broker failed with a gRPC status the client does not (or no longer) retry.
 * Carries the status, the topic and, for producer calls, the producer name.
 */
public class DanubeRpcException extends DanubeClientException {

    private final transient Status status;
    private final String topic;
    private final String clientName;

    public DanubeRpcException(String operation, Status status, String topic, String clientName) {
        super(describe(operation, status, topic, clientName), status.getCause());
        this.status = status;
        this.topic = topic;
        this.clientName = clientName;
    }

    /**
     * The exception for a call the client gives up on: a {@link NamespaceNotFoundException} for the broker's
     * missing-namespace answer, else a plain {@code DanubeRpcException}.
     */
    public static DanubeRpcException of(String operation, Status status, String topic, String clientName) {
        return NamespaceNotFoundException.matches(status)
                ? new NamespaceNotFoundException(operation, status, topic, clientName)
                : new DanubeRpcException(operation, status, topic, clientName);
    }

    private static String describe(String operation, Status status, String topic, String clientName) {
        StringBuilder text = new StringBuilder(operation).append(" failed with ").append(status.getCode());
        if (status.getDescription() != null) {
            text.append(" (").append(status.getDescription()).append(')');
        }
        if (topic != null) {
            text.append(", topic ").append(topic);
        }
        if (clientName != null) {
            text.append(", client ").append(clientName);
        }
        return text.toString();
    }

    public Status status() {
        return status;
    }

    public Status.Code code() {
        return status.getCode();
    }

    /** The topic (partition) the call was about, or {@code null} for topic-less calls such as schema lookups. */
    public String topic() {
        return topic;
    }

    /** The producer or consumer name, or {@code null} when the call was not made on behalf of one. */
    public String clientName() {
        return clientName;
    }
}
