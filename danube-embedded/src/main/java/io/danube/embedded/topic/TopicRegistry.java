package io.danube.embedded.topic;

import io.danube.embedded.BrokerConfig;
import io.danube.embedded.FailurePolicy;
import io.danube.embedded.dispatch.Consumer;
import io.danube.embedded.dispatch.DeadLetter;
import io.danube.embedded.dispatch.KeyFilter;
import io.danube.embedded.dispatch.NonReliableSubscription;
import io.danube.embedded.dispatch.ReliableSubscription;
import io.danube.embedded.dispatch.Subscription;
import io.danube.embedded.schema.SchemaSupport;
import io.danube.embedded.storage.MessageLog;
import io.danube.embedded.storage.TopicDirectory;
import io.danube.embedded.storage.TopicMetadata;
import io.danube.proto.ConsumerRequest;
import io.danube.proto.ConsumerRequest.SubscriptionType;
import io.danube.proto.DispatchStrategy;
import io.danube.proto.MsgID;
import io.danube.proto.ProducerRequest;
import io.danube.proto.StreamMessage;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The broker's state: namespaces, topics, and the broker-wide producer and consumer ids. Implements the topic,
 * producer and subscription rules of the real broker's standalone mode.
 */
public final class TopicRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(TopicRegistry.class);

    private final BrokerConfig config;
    private final Path dataDirectory;
    private final SchemaSupport schema;
    private final ReliableSubscription.Settings reliableSettings;
    private final Set<String> namespaces = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<String, Topic> topics = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, Producer> producersById = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, Consumer> consumersById = new ConcurrentHashMap<>();
    private final Set<String> awaitingFirstSubscribe = ConcurrentHashMap.newKeySet();
    private final Object creationLock = new Object();

    public TopicRegistry(BrokerConfig config, Path dataDirectoryOrNull, SchemaSupport schema,
                         ScheduledExecutorService timer) {
        this.config = config;
        this.dataDirectory = dataDirectoryOrNull;
        this.schema = schema;
        this.reliableSettings = new ReliableSubscription.Settings(config.maxUnackedMessages(),
                config.keySharedEvictionHeartbeats(), timer, this::publishDeadLetter);
        namespaces.add("default");
        namespaces.add("system");
        namespaces.addAll(config.bootstrapNamespaces());
    }

    /** True if the topic exists on this broker. */
    public boolean isLocal(String topic) {
        return topics.containsKey(topic);
    }

    /** Existing topic or null, after validating the name. */
    public Topic find(String topic) {
        TopicName.parse(topic);
        return topics.get(topic);
    }

    /** {@code [base]} if it exists, else its {@code base-part-N} partitions (possibly none). */
    public List<String> partitions(String base) {
        TopicName.parse(base);
        if (topics.containsKey(base)) {
            return List.of(base);
        }
        return Partitions.of(base, topics.keySet());
    }

    /**
     * CreateProducer: auto-creates the topic, checks the strategy, binds the schema subject, registers the producer.
     * A strategy value outside the enum attaches to an existing topic unchecked (like the real broker) but cannot
     * create one.
     */
    public Producer createProducer(ProducerRequest request) {
        TopicName name = TopicName.parse(request.getTopicName());
        DispatchStrategy strategy = request.getDispatchStrategy();
        boolean known = strategy != DispatchStrategy.UNRECOGNIZED;
        boolean reliable = strategy == DispatchStrategy.Reliable;
        Topic topic = topics.get(name.full());
        boolean created = false;
        if (topic == null) {
            synchronized (creationLock) {
                topic = topics.get(name.full());
                if (topic == null) {
                    if (!known) {
                        throw Status.INVALID_ARGUMENT.withDescription("Unknown dispatch strategy "
                                + request.getDispatchStrategyValue() + " for new topic " + name.full())
                                .asRuntimeException();
                    }
                    topic = createTopic(name, reliable);
                    created = true;
                }
            }
        }
        if (known && topic.isReliable() != reliable) {
            throw Status.FAILED_PRECONDITION.withDescription("Topic " + name.full() + " uses dispatch strategy "
                    + (topic.isReliable() ? "Reliable" : "NonReliable") + " but the producer '"
                    + request.getProducerName() + "' asked for " + (reliable ? "Reliable" : "NonReliable"))
                    .asRuntimeException();
        }
        if (request.hasSchemaRef()) {
            try {
                schema.attachProducerSubject(name.full(), request.getSchemaRef().getSubject());
            } catch (RuntimeException e) {
                if (created) {
                    dropTopic(topic);
                }
                throw e;
            }
        }
        if (created && config.clusterLookups()) {
            awaitingFirstSubscribe.add(name.full());
            throw redoLookup(name.full(), "was just created and is being assigned to a broker");
        }
        Topic owner = topic;
        return owner.addProducer(request.getProducerName(), producerName -> {
            Producer producer = new Producer(RandomIds.next(producersById::containsKey), producerName, owner.name());
            producersById.put(producer.id(), producer);
            return producer;
        });
    }

    private Topic createTopic(TopicName name, boolean reliable) {
        if (!config.autoCreateTopics()) {
            throw Status.NOT_FOUND.withDescription("Topic " + name.full()
                    + " does not exist and topic auto-creation is disabled").asRuntimeException();
        }
        if (!hasNamespace(name)) {
            throw Status.UNAVAILABLE.withDescription("Unable to create topic " + name.full() + ": namespace '"
                    + name.namespace() + "' does not exist").asRuntimeException();
        }
        Optional<String> base = Partitions.baseOf(name.full());
        if (base.isPresent() && topics.containsKey(base.get())) {
            throw Status.ALREADY_EXISTS.withDescription("Unable to create partition " + name.full()
                    + ": the non-partitioned topic " + base.get() + " exists").asRuntimeException();
        }
        List<String> partitions = Partitions.of(name.full(), topics.keySet());
        if (!partitions.isEmpty()) {
            throw Status.ALREADY_EXISTS.withDescription("Unable to create topic " + name.full()
                    + ": it exists as a partitioned topic with partitions " + partitions).asRuntimeException();
        }
        TopicDirectory directory = dataDirectory == null ? null : TopicDirectory.forTopic(dataDirectory, name.full());
        MessageLog log = null;
        if (reliable) {
            log = directory == null ? MessageLog.inMemory() : openLog(directory, Long.MAX_VALUE, name.full());
        }
        Topic topic = new Topic(name.full(), reliable, log, directory);
        topic.saveMetadata();
        topics.put(name.full(), topic);
        LOG.debug("Created {} topic {}", reliable ? "reliable" : "non-reliable", name.full());
        return topic;
    }

    /** Whether the topic's namespace exists; creates it first when namespaces are created on first use. */
    private boolean hasNamespace(TopicName name) {
        if (config.autoCreateNamespaces() && namespaces.add(name.namespace())) {
            LOG.info("Created namespace '{}' on first use by {}", name.namespace(), name.full());
        }
        return namespaces.contains(name.namespace());
    }

    private void dropTopic(Topic topic) {
        topics.remove(topic.name(), topic);
        awaitingFirstSubscribe.remove(topic.name());
        for (Producer p : topic.producers()) {
            producersById.remove(p.id());
        }
        try {
            topic.close();
        } catch (IOException e) {
            LOG.warn("Closing rolled-back topic {} failed", topic.name(), e);
        }
        topic.deleteFiles();
        schema.forgetTopic(topic.name());
    }

    private static MessageLog openLog(TopicDirectory directory, long keepFromOffset, String topic) {
        try {
            return MessageLog.openFile(directory.logFile(), keepFromOffset);
        } catch (IOException e) {
            throw Status.INTERNAL.withDescription("Cannot open the message log of topic " + topic + ": " + e.getMessage())
                    .withCause(e).asRuntimeException();
        }
    }

    /** SendMessage: the check order and status codes of the real broker, then dispatch. */
    public void send(StreamMessage message) {
        if (!message.hasMsgId()) {
            throw Status.INVALID_ARGUMENT.withDescription("StreamMessage without msg_id (request_id "
                    + Long.toUnsignedString(message.getRequestId()) + ")").asRuntimeException();
        }
        MsgID id = message.getMsgId();
        Producer producer = producersById.get(id.getProducerId());
        if (producer == null) {
            throw Status.NOT_FOUND.withDescription("Producer with id " + Long.toUnsignedString(id.getProducerId())
                    + " not found").asRuntimeException();
        }
        Topic topic = topics.get(id.getTopicName());
        if (topic == null) {
            throw publishDenied("topic " + id.getTopicName() + " is not served by this broker");
        }
        schema.validateMessage(topic.name(), message);
        if (!producer.topic().equals(topic.name())) {
            throw publishDenied("producer '" + producer.name() + "' is attached to " + producer.topic()
                    + ", not to " + topic.name());
        }
        topic.publish(message);
    }

    /** The clustered broker's answer while a topic is not (yet) served here: the client should look it up again. */
    private static StatusRuntimeException redoLookup(String topic, String why) {
        return Status.UNAVAILABLE.withDescription("Topic " + topic + " " + why + "; redo the lookup")
                .asRuntimeException();
    }

    private static StatusRuntimeException publishDenied(String why) {
        return Status.PERMISSION_DENIED.withDescription("Unable to publish the message: " + why).asRuntimeException();
    }

    /** Subscribe: topic must exist; creates the subscription on first use; takeover for a known consumer name. */
    public Consumer subscribe(ConsumerRequest request) {
        TopicName name = TopicName.parse(request.getTopicName());
        Topic topic = topics.get(name.full());
        if (topic == null) {
            throw Status.NOT_FOUND.withDescription("Topic " + name.full() + " not found").asRuntimeException();
        }
        if (awaitingFirstSubscribe.remove(name.full())) {
            throw redoLookup(name.full(), "is still being assigned to a broker");
        }
        SubscriptionType type = request.getSubscriptionType();
        if (type == SubscriptionType.UNRECOGNIZED) {
            throw Status.PERMISSION_DENIED.withDescription("Unknown subscription type "
                    + request.getSubscriptionTypeValue()).asRuntimeException();
        }
        Subscription subscription = topic.subscriptionOrCreate(request.getSubscription(),
                subscriptionName -> newSubscription(topic, subscriptionName, type, topic.isReliable()
                        ? topic.log().endOffset() : 0));
        List<KeyFilter> filters = new ArrayList<>();
        for (String glob : request.getKeyFiltersList()) {
            filters.add(new KeyFilter(glob));
        }
        int before = subscription.consumers().size();
        Consumer consumer = subscription.subscribe(request.getConsumerName(), filters,
                () -> RandomIds.next(consumersById::containsKey));
        consumersById.put(consumer.id(), consumer);
        if (subscription.consumers().size() != before) {
            topic.saveMetadata();
        }
        return consumer;
    }

    private Subscription newSubscription(Topic topic, String subscriptionName, SubscriptionType type, long startOffset) {
        if (!topic.isReliable()) {
            return new NonReliableSubscription(topic.name(), subscriptionName, type, config.nonReliableConsumerQueue());
        }
        return new ReliableSubscription(topic.name(), subscriptionName, type, topic.log(), startOffset,
                config.failurePolicyFor(subscriptionName), reliableSettings);
    }

    /** The consumer with that id, or null. */
    public Consumer consumer(long consumerId) {
        return consumersById.get(consumerId);
    }

    /** Finds the subscription an Ack/Nack names. */
    public Subscription subscriptionForAck(MsgID id, String subscriptionName) {
        Topic topic = topics.get(id.getTopicName());
        if (topic == null) {
            throw Status.INTERNAL.withDescription("Topic " + id.getTopicName() + " not found").asRuntimeException();
        }
        Subscription subscription = topic.subscription(subscriptionName);
        if (subscription == null) {
            throw Status.INTERNAL.withDescription("Subscription '" + subscriptionName + "' not found on topic "
                    + topic.name()).asRuntimeException();
        }
        return subscription;
    }

    public boolean isProducerAlive(long producerId) {
        return producersById.containsKey(producerId);
    }

    public boolean isConsumerAlive(long consumerId) {
        Consumer consumer = consumersById.get(consumerId);
        return consumer != null && consumer.isActive();
    }

    /** Reliable dispatcher tick: ack timeouts, KeyShared liveness, in-memory log trimming. */
    public void heartbeat() {
        for (Topic topic : topics.values()) {
            if (!topic.isReliable()) {
                continue;
            }
            for (Subscription s : topic.subscriptions()) {
                s.heartbeat();
            }
            topic.trimLog();
        }
    }

    /** Removes non-reliable subscriptions that have had no active consumer for longer than the grace period. */
    public void reapIdleSubscriptions() {
        long graceNanos = config.idleSubscriptionGrace().toNanos();
        for (Topic topic : topics.values()) {
            if (topic.isReliable()) {
                continue;
            }
            for (Subscription s : topic.subscriptions()) {
                if (((NonReliableSubscription) s).idleLongerThan(graceNanos)) {
                    topic.removeSubscription(s);
                    for (Consumer c : s.consumers()) {
                        consumersById.remove(c.id(), c);
                    }
                    s.closeStreams();
                    LOG.debug("Removed idle subscription '{}' of {}", s.name(), topic.name());
                }
            }
        }
    }

    /** Forces reliable logs to disk and writes changed cursors. */
    public void sync() {
        for (Topic topic : topics.values()) {
            try {
                topic.sync();
            } catch (IOException | RuntimeException e) {
                LOG.error("Flushing topic {} failed", topic.name(), e);
            }
        }
    }

    /** Brings back the topics persisted under the data directory. */
    public void restore() throws IOException {
        if (dataDirectory == null) {
            return;
        }
        for (TopicMetadata metadata : TopicDirectory.loadAll(dataDirectory)) {
            restoreTopic(metadata);
        }
    }

    private void restoreTopic(TopicMetadata metadata) throws IOException {
        TopicName name = TopicName.parse(metadata.name());
        namespaces.add(name.namespace());
        TopicDirectory directory = TopicDirectory.forTopic(dataDirectory, name.full());
        Map<String, Long> cursors = directory.cursors().load();
        MessageLog log = null;
        if (metadata.reliable()) {
            long keepFrom = Long.MAX_VALUE;
            for (TopicMetadata.SubscriptionMetadata s : metadata.subscriptions()) {
                keepFrom = Math.min(keepFrom, cursors.getOrDefault(s.name(), -1L) + 1);
            }
            log = MessageLog.openFile(directory.logFile(), keepFrom);
        }
        Topic topic = new Topic(name.full(), metadata.reliable(), log, directory);
        for (TopicMetadata.NamedId p : metadata.producers()) {
            Producer producer = new Producer(p.id(), p.name(), name.full());
            topic.restoreProducer(producer);
            producersById.put(producer.id(), producer);
        }
        for (TopicMetadata.SubscriptionMetadata s : metadata.subscriptions()) {
            SubscriptionType type = SubscriptionType.forNumber(s.type());
            if (type == null) {
                throw new IOException("subscription '" + s.name() + "' of " + name.full()
                        + " has unknown type " + s.type());
            }
            long start = cursors.getOrDefault(s.name(), -1L) + 1;
            Subscription subscription = newSubscription(topic, s.name(), type, start);
            topic.restoreSubscription(subscription);
            for (TopicMetadata.NamedId c : s.consumers()) {
                consumersById.put(c.id(), subscription.restoreConsumer(c.name(), c.id()));
            }
        }
        topics.put(name.full(), topic);
        LOG.info("Restored topic {} ({} messages in its log)", name.full(), log == null ? 0 : log.endOffset());
    }

    /** Writes cursors and metadata and closes every log. */
    public void close() {
        for (Topic topic : topics.values()) {
            try {
                topic.close();
            } catch (IOException | RuntimeException e) {
                LOG.error("Closing topic {} failed", topic.name(), e);
            }
        }
    }

    private void publishDeadLetter(DeadLetter letter) {
        FailurePolicy policy = letter.policy();
        String target = policy.deadLetterTopic() != null ? policy.deadLetterTopic() : letter.topic() + "-dlq";
        StreamMessage original = letter.message();
        MsgID id = original.getMsgId();
        StreamMessage republished = original.toBuilder()
                .putAttributes("x-original-topic", letter.topic())
                .putAttributes("x-original-subscription", letter.subscription())
                .putAttributes("x-original-topic-offset", Long.toUnsignedString(id.getTopicOffset()))
                .putAttributes("x-original-producer-id", Long.toUnsignedString(id.getProducerId()))
                .putAttributes("x-original-broker-addr", id.getBrokerAddr())
                .putAttributes("x-poison-policy", "dead_letter")
                .putAttributes("x-delivery-attempt", Integer.toString(letter.deliveries()))
                .putAttributes("x-failure-reason", letter.reason())
                .setMsgId(id.toBuilder().setTopicName(target).setTopicOffset(0))
                .build();
        try {
            Topic topic = topics.get(target);
            if (topic == null) {
                synchronized (creationLock) {
                    topic = topics.get(target);
                    if (topic == null) {
                        topic = createTopic(TopicName.parse(target), true);
                    }
                }
            }
            topic.publish(republished);
        } catch (RuntimeException e) {
            LOG.error("Dead-lettering offset {} of {} (subscription '{}') to {} failed; the message is dropped",
                    id.getTopicOffset(), letter.topic(), letter.subscription(), target, e);
        }
    }
}
