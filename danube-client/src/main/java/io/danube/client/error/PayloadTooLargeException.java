package io.danube.client.error;

/** The encoded message exceeds the gRPC message size limit; it was rejected before anything was sent. */
public class PayloadTooLargeException extends DanubeClientException {

    public PayloadTooLargeException(String topic, String producerName, long encodedSize, long limit) {
        super("message of " + encodedSize + " encoded bytes exceeds the " + limit
                + " byte limit, topic " + topic + ", producer " + producerName);
    }
}
