package io.danube.client.producer;

/**
 * Confirmation that the broker accepted a message. The broker does not report the assigned offset, so the receipt
 * identifies the send by partition topic, producer and the request id stamped on the message.
 */
public record SendReceipt(String topic, String producerName, long producerId, long requestId) {
}
