package io.danube.connect.api;

import java.util.Objects;
import java.util.Optional;

/**
 * A topic a sink connector consumes; the runtime builds one {@code danube:} consumer route per entry.
 *
 * @param topic                 {@code /namespace/topic}
 * @param consumerName          broker-side consumer name; re-subscribing under it resumes the same consumer
 * @param subscription          subscription name; acknowledgements are per subscription
 * @param subscriptionType      how the subscription spreads messages over consumers
 * @param expectedSchemaSubject when set, messages whose schema is not of this subject are dead-lettered; may be null
 * @param deadLetterTopic       where invalid records go; null means {@code <topic>-dlq}
 */
public record ConsumerConfig(String topic, String consumerName, String subscription,
                             SubscriptionType subscriptionType, String expectedSchemaSubject,
                             String deadLetterTopic) {

    public ConsumerConfig {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(consumerName, "consumerName");
        Objects.requireNonNull(subscription, "subscription");
        Objects.requireNonNull(subscriptionType, "subscriptionType");
    }

    public ConsumerConfig(String topic, String consumerName, String subscription, SubscriptionType subscriptionType) {
        this(topic, consumerName, subscription, subscriptionType, null, null);
    }

    public ConsumerConfig withExpectedSchemaSubject(String subject) {
        return new ConsumerConfig(topic, consumerName, subscription, subscriptionType, subject, deadLetterTopic);
    }

    public ConsumerConfig withDeadLetterTopic(String dlqTopic) {
        return new ConsumerConfig(topic, consumerName, subscription, subscriptionType, expectedSchemaSubject, dlqTopic);
    }

    public Optional<String> expectedSubject() {
        return Optional.ofNullable(expectedSchemaSubject);
    }

    /** Whether {@code partitionTopic} is this topic or one of its partitions ({@code <topic>-part-<n>}). */
    public boolean reads(String partitionTopic) {
        return partitionTopic.equals(topic) || partitionTopic.startsWith(topic + "-part-");
    }

    /** The dead-letter topic: the configured one, else {@code <topic>-dlq}. */
    public String effectiveDeadLetterTopic() {
        return deadLetterTopic != null ? deadLetterTopic : topic + "-dlq";
    }
}
