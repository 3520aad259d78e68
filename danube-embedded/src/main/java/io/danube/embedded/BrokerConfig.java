package io.danube.embedded;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Tunables of the embedded broker. {@link #defaults()} mirrors the real Danube v0.15.1 broker; tests usually shorten
 * the timings through {@link #builder()}.
 *
 * @param bootstrapNamespaces        namespaces created at start besides {@code default} and {@code system}
 * @param autoCreateTopics           whether CreateProducer creates a missing topic
 * @param autoCreateNamespaces       whether CreateProducer creates a missing namespace with the topic (off like the
 *                                   real broker, where a missing namespace fails CreateProducer with UNAVAILABLE)
 * @param maxInboundMessageBytes     largest request the broker accepts (4 MiB like the real broker); a larger one is
 *                                   answered OUT_OF_RANGE in the words of tonic's decode limit
 * @param failurePolicy              failure policy of every reliable subscription without an override
 * @param subscriptionFailurePolicies overrides keyed by subscription name
 * @param maxUnackedMessages         reliable dispatch window per subscription
 * @param heartbeatInterval          reliable dispatcher tick: ack timeouts and KeyShared liveness are checked on it
 * @param keySharedEvictionHeartbeats consecutive inactive ticks after which a KeyShared consumer leaves the hash ring
 * @param idleSubscriptionGrace      how long a non-reliable subscription without an active consumer survives
 * @param idleSubscriptionCheckInterval how often idle non-reliable subscriptions are looked for
 * @param nonReliableConsumerQueue   per-consumer queue of a non-reliable subscription; a full queue drops messages
 * @param fsyncInterval              how often the reliable logs are forced to disk and cursors written
 * @param directExecutor             run gRPC handlers on the transport threads (fast, handlers never block)
 * @param clusterLookups             answer the first CreateProducer and the first Subscribe on a new topic with
 *                                   UNAVAILABLE, as a clustered broker does while it assigns the topic (off by default)
 */
public record BrokerConfig(List<String> bootstrapNamespaces,
                           boolean autoCreateTopics,
                           boolean autoCreateNamespaces,
                           int maxInboundMessageBytes,
                           FailurePolicy failurePolicy,
                           Map<String, FailurePolicy> subscriptionFailurePolicies,
                           int maxUnackedMessages,
                           Duration heartbeatInterval,
                           int keySharedEvictionHeartbeats,
                           Duration idleSubscriptionGrace,
                           Duration idleSubscriptionCheckInterval,
                           int nonReliableConsumerQueue,
                           Duration fsyncInterval,
                           boolean directExecutor,
                           boolean clusterLookups) {

    public BrokerConfig {
        bootstrapNamespaces = List.copyOf(bootstrapNamespaces);
        Objects.requireNonNull(failurePolicy, "failurePolicy");
        subscriptionFailurePolicies = Map.copyOf(subscriptionFailurePolicies);
        if (maxInboundMessageBytes <= 0) {
            throw new IllegalArgumentException("maxInboundMessageBytes must be positive, got " + maxInboundMessageBytes);
        }
        if (maxUnackedMessages < 1 || maxUnackedMessages > 10_000) {
            throw new IllegalArgumentException("maxUnackedMessages must be in 1..10000, got " + maxUnackedMessages);
        }
        if (keySharedEvictionHeartbeats < 1) {
            throw new IllegalArgumentException("keySharedEvictionHeartbeats must be >= 1, got " + keySharedEvictionHeartbeats);
        }
        if (nonReliableConsumerQueue < 1) {
            throw new IllegalArgumentException("nonReliableConsumerQueue must be >= 1, got " + nonReliableConsumerQueue);
        }
        FailurePolicy.requirePositive("heartbeatInterval", heartbeatInterval);
        FailurePolicy.requirePositive("idleSubscriptionGrace", idleSubscriptionGrace);
        FailurePolicy.requirePositive("idleSubscriptionCheckInterval", idleSubscriptionCheckInterval);
        FailurePolicy.requirePositive("fsyncInterval", fsyncInterval);
    }

    /** The real broker's defaults. */
    public static BrokerConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.bootstrapNamespaces = bootstrapNamespaces;
        b.autoCreateTopics = autoCreateTopics;
        b.autoCreateNamespaces = autoCreateNamespaces;
        b.maxInboundMessageBytes = maxInboundMessageBytes;
        b.failurePolicy = failurePolicy;
        b.subscriptionFailurePolicies = new HashMap<>(subscriptionFailurePolicies);
        b.maxUnackedMessages = maxUnackedMessages;
        b.heartbeatInterval = heartbeatInterval;
        b.keySharedEvictionHeartbeats = keySharedEvictionHeartbeats;
        b.idleSubscriptionGrace = idleSubscriptionGrace;
        b.idleSubscriptionCheckInterval = idleSubscriptionCheckInterval;
        b.nonReliableConsumerQueue = nonReliableConsumerQueue;
        b.fsyncInterval = fsyncInterval;
        b.directExecutor = directExecutor;
        b.clusterLookups = clusterLookups;
        return b;
    }

    /** Failure policy of the named subscription: its override, else the default. */
    public FailurePolicy failurePolicyFor(String subscription) {
        return subscriptionFailurePolicies.getOrDefault(subscription, failurePolicy);
    }

    /** Builder starting from the real broker's defaults. */
    public static final class Builder {
        private List<String> bootstrapNamespaces = List.of("default");
        private boolean autoCreateTopics = true;
        private boolean autoCreateNamespaces = false;
        private int maxInboundMessageBytes = 4 * 1024 * 1024;
        private FailurePolicy failurePolicy = FailurePolicy.defaults();
        private Map<String, FailurePolicy> subscriptionFailurePolicies = new HashMap<>();
        private int maxUnackedMessages = 10;
        private Duration heartbeatInterval = Duration.ofMillis(500);
        private int keySharedEvictionHeartbeats = 6;
        private Duration idleSubscriptionGrace = Duration.ofSeconds(60);
        private Duration idleSubscriptionCheckInterval = Duration.ofSeconds(30);
        private int nonReliableConsumerQueue = 4;
        private Duration fsyncInterval = Duration.ofSeconds(5);
        private boolean directExecutor = true;
        private boolean clusterLookups;

        private Builder() {
        }

        public Builder bootstrapNamespaces(List<String> value) {
            this.bootstrapNamespaces = value;
            return this;
        }

        public Builder autoCreateTopics(boolean value) {
            this.autoCreateTopics = value;
            return this;
        }

        public Builder autoCreateNamespaces(boolean value) {
            this.autoCreateNamespaces = value;
            return this;
        }

        public Builder maxInboundMessageBytes(int value) {
            this.maxInboundMessageBytes = value;
            return this;
        }

        public Builder failurePolicy(FailurePolicy value) {
            this.failurePolicy = value;
            return this;
        }

        /** Overrides the failure policy of every subscription with this name. */
        public Builder subscriptionFailurePolicy(String subscription, FailurePolicy value) {
            this.subscriptionFailurePolicies.put(subscription, value);
            return this;
        }

        public Builder maxUnackedMessages(int value) {
            this.maxUnackedMessages = value;
            return this;
        }

        public Builder heartbeatInterval(Duration value) {
            this.heartbeatInterval = value;
            return this;
        }

        public Builder keySharedEvictionHeartbeats(int value) {
            this.keySharedEvictionHeartbeats = value;
            return this;
        }

        public Builder idleSubscriptionGrace(Duration value) {
            this.idleSubscriptionGrace = value;
            return this;
        }

        public Builder idleSubscriptionCheckInterval(Duration value) {
            this.idleSubscriptionCheckInterval = value;
            return this;
        }

        public Builder nonReliableConsumerQueue(int value) {
            this.nonReliableConsumerQueue = value;
            return this;
        }

        public Builder fsyncInterval(Duration value) {
            this.fsyncInterval = value;
            return this;
        }

        public Builder directExecutor(boolean value) {
            this.directExecutor = value;
            return this;
        }

        /** Opt-in: make clients go through the "redo the lookup" UNAVAILABLE of a clustered broker once per topic. */
        public Builder clusterLookups(boolean value) {
            this.clusterLookups = value;
            return this;
        }

        public BrokerConfig build() {
            return new BrokerConfig(bootstrapNamespaces, autoCreateTopics, autoCreateNamespaces,
                    maxInboundMessageBytes, failurePolicy,
                    subscriptionFailurePolicies, maxUnackedMessages, heartbeatInterval, keySharedEvictionHeartbeats,
                    idleSubscriptionGrace, idleSubscriptionCheckInterval, nonReliableConsumerQueue, fsyncInterval,
                    directExecutor, clusterLookups);
        }
    }
}
