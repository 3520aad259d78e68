package io.danube.embedded.topic;

import io.danube.embedded.dispatch.Consumer;
import io.danube.embedded.dispatch.NonReliableSubscription;
import io.danube.embedded.dispatch.ReliableSubscription;
import io.danube.embedded.dispatch.Subscription;
import io.danube.embedded.storage.MessageLog;
import io.danube.embedded.storage.TopicDirectory;
import io.danube.embedded.storage.TopicMetadata;
import io.danube.embedded.storage.TopicMetadata.NamedId;
import io.danube.embedded.storage.TopicMetadata.SubscriptionMetadata;
import io.danube.proto.StreamMessage;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A topic with its dispatch strategy, producers and subscriptions. Reliable topics own a {@link MessageLog}; with a
 * data directory the topic also keeps its metadata and subscription cursors on disk.
 */
public final class Topic {

    private final String name;
    private final boolean reliable;
    private final MessageLog log;
    private final TopicDirectory directory;
    private final ConcurrentHashMap<String, Producer> producers = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    private volatile Subscription[] dispatchTargets = new Subscription[0];
    private Map<String, Long> lastSavedCursors = Map.of();

    Topic(String name, boolean reliable, MessageLog log, TopicDirectory directory) {
        this.name = name;
        this.reliable = reliable;
        this.log = log;
        this.directory = directory;
    }

    public String name() {
        return name;
    }

    public boolean isReliable() {
        return reliable;
    }

    MessageLog log() {
        return log;
    }

    /** Stores (reliable) and dispatches a message to the subscriptions present now. */
    public void publish(StreamMessage message) {
        Subscription[] targets = dispatchTargets;
        if (reliable) {
            log.append(message, targets.length > 0);
            for (Subscription s : targets) {
                s.wake();
            }
        } else {
            for (Subscription s : targets) {
                ((NonReliableSubscription) s).publish(message);
            }
        }
    }

    Collection<Producer> producers() {
        return producers.values();
    }

    /** Registers a producer unless one with that name exists; returns the registered one. */
    Producer addProducer(String producerName, Function<String, Producer> factory) {
        Producer[] created = new Producer[1];
        Producer producer = producers.computeIfAbsent(producerName, n -> created[0] = factory.apply(n));
        if (created[0] != null) {
            saveMetadata();
        }
        return producer;
    }

    /** Puts back a producer known from persisted metadata. */
    void restoreProducer(Producer producer) {
        producers.put(producer.name(), producer);
    }

    public Subscription subscription(String subscriptionName) {
        return subscriptions.get(subscriptionName);
    }

    Collection<Subscription> subscriptions() {
        return subscriptions.values();
    }

    /** Puts back a subscription known from persisted metadata. */
    void restoreSubscription(Subscription subscription) {
        subscriptions.put(subscription.name(), subscription);
        dispatchTargets = subscriptions.values().toArray(new Subscription[0]);
    }

    /** The existing subscription of that name, or the one {@code factory} makes (registered and persisted). */
    Subscription subscriptionOrCreate(String subscriptionName, Function<String, Subscription> factory) {
        Subscription existing = subscriptions.get(subscriptionName);
        if (existing != null) {
            return existing;
        }
        Subscription result;
        boolean created = false;
        synchronized (this) {
            result = subscriptions.get(subscriptionName);
            if (result == null) {
                result = factory.apply(subscriptionName);
                subscriptions.put(subscriptionName, result);
                dispatchTargets = subscriptions.values().toArray(new Subscription[0]);
                created = true;
            }
        }
        if (created) {
            saveCursors();
            saveMetadata();
        }
        return result;
    }

    void removeSubscription(Subscription subscription) {
        synchronized (this) {
            if (!subscriptions.remove(subscription.name(), subscription)) {
                return;
            }
            dispatchTargets = subscriptions.values().toArray(new Subscription[0]);
        }
        saveMetadata();
    }

    /** Lets the in-memory log forget messages every subscription has moved past. */
    void trimLog() {
        if (!reliable) {
            return;
        }
        long keepFrom = log.endOffset();
        for (Subscription s : dispatchTargets) {
            keepFrom = Math.min(keepFrom, ((ReliableSubscription) s).nextOffset());
        }
        log.trimBelow(keepFrom);
    }

    /** Forces the log to disk and writes changed cursors. */
    void sync() throws IOException {
        if (log != null) {
            log.sync();
        }
        saveCursors();
    }

    synchronized void saveCursors() {
        if (directory == null || !reliable) {
            return;
        }
        Map<String, Long> cursors = new HashMap<>();
        for (Subscription s : subscriptions.values()) {
            cursors.put(s.name(), ((ReliableSubscription) s).safeCursor());
        }
        if (!cursors.equals(lastSavedCursors)) {
            directory.cursors().save(cursors);
            lastSavedCursors = cursors;
        }
    }

    synchronized void saveMetadata() {
        if (directory == null) {
            return;
        }
        List<NamedId> producerIds = new ArrayList<>();
        for (Producer p : producers.values()) {
            producerIds.add(new NamedId(p.name(), p.id()));
        }
        List<SubscriptionMetadata> subs = new ArrayList<>();
        if (reliable) {
            for (Subscription s : subscriptions.values()) {
                List<NamedId> consumers = new ArrayList<>();
                for (Consumer c : s.consumers()) {
                    consumers.add(new NamedId(c.name(), c.id()));
                }
                subs.add(new SubscriptionMetadata(s.name(), s.type().getNumber(), consumers));
            }
        }
        directory.saveMetadata(new TopicMetadata(name, reliable, producerIds, subs));
    }

    void deleteFiles() {
        if (directory != null) {
            directory.delete();
        }
    }

    /** Writes cursors and metadata, then closes the log. */
    void close() throws IOException {
        for (Subscription s : subscriptions.values()) {
            s.closeStreams();
        }
        saveCursors();
        saveMetadata();
        if (log != null) {
            log.close();
        }
    }
}
