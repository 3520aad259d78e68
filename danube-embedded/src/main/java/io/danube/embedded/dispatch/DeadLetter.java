package io.danube.embedded.dispatch;

import io.danube.embedded.FailurePolicy;
import io.danube.proto.StreamMessage;

/** A poisoned message on its way to the dead-letter topic. */
public record DeadLetter(String topic, String subscription, FailurePolicy policy, StreamMessage message,
                         int deliveries, String reason) {
}
