package io.danube.client.consumer;

import java.util.List;

/** Settings shared by all partitions of one consumer. */
record ConsumerSettings(String consumerName, String subscription, SubscriptionType type, List<String> keyFilters,
                        int window, ConnectionListener connectionListener) {
}
