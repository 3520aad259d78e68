package io.danube.embedded.storage;

import java.util.List;

/**
 * What a restart needs to bring a topic back: its name and dispatch strategy, its producers and, for reliable
 * topics, its subscriptions with their consumers.
 */
public record TopicMetadata(String name, boolean reliable, List<NamedId> producers,
                            List<SubscriptionMetadata> subscriptions) {

    public TopicMetadata {
        producers = List.copyOf(producers);
        subscriptions = List.copyOf(subscriptions);
    }

    /** A producer or consumer name with the id the broker gave it. */
    public record NamedId(String name, long id) {
    }

    /** A subscription: name, wire subscription type number and its consumers in registration order. */
    public record SubscriptionMetadata(String name, int type, List<NamedId> consumers) {
        public SubscriptionMetadata {
            consumers = List.copyOf(consumers);
        }
    }
}
