package io.danube.client.error;

/** A consumer subscribed to a topic that has neither a topic nor partitions of that name on the broker (yet). */
public class TopicNotFoundException extends DanubeClientException {

    private final String topic;

    public TopicNotFoundException(String topic) {
        super("no topic or partitions found for " + topic);
        this.topic = topic;
    }

    public String topic() {
        return topic;
    }
}
