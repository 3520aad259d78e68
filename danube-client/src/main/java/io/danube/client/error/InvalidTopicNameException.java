package io.danube.client.error;

/** A topic name that is not of the form {@code /namespace/topic}. */
public class InvalidTopicNameException extends DanubeClientException {

    public InvalidTopicNameException(String topic) {
        super("invalid topic name '" + topic + "': expected /namespace/topic where both segments consist of"
                + " letters, digits, '_' or '-'");
    }
}
