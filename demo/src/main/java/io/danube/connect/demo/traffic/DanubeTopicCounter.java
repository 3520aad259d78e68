package io.danube.connect.demo.traffic;

import io.danube.client.DanubeClient;
import io.danube.client.consumer.Consumer;
import io.danube.client.message.ReceivedMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the messages that reach a Danube topic, through a subscription of its own (so the JDBC sink's subscription is
 * not touched): the "in Danube" figure of the demo.
 */
public final class DanubeTopicCounter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DanubeTopicCounter.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final DanubeClient client;
    private final String topic;
    private final String subscription;
    private final AtomicLong count = new AtomicLong();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final CountDownLatch subscribed = new CountDownLatch(1);
    private final Thread thread;

    private DanubeTopicCounter(DanubeClient client, String topic, String subscription) {
        this.client = client;
        this.topic = topic;
        this.subscription = subscription;
        this.thread = new Thread(this::countUntilClosed, "demo-danube-counter");
        this.thread.setDaemon(true);
    }

    /**
     * Starts counting {@code topic}. The topic exists only once a producer created it, so subscribing is retried in
     * the background until it works or the counter is closed.
     */
    public static DanubeTopicCounter start(String serviceUrl, String topic, String subscription) {
        DanubeClient client = DanubeClient.builder().serviceUrl(serviceUrl).build();
        DanubeTopicCounter counter = new DanubeTopicCounter(client, topic, subscription);
        counter.thread.start();
        return counter;
    }

    /** Waits until the subscription is in place; returns whether it is. */
    public boolean awaitSubscribed(Duration timeout) throws InterruptedException {
        return subscribed.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public long count() {
        return count.get();
    }

    private void countUntilClosed() {
        Optional<Consumer> subscription = subscribe();
        if (subscription.isEmpty()) {
            return;
        }
        subscribed.countDown();
        try (Consumer consumer = subscription.get()) {
            while (running.get()) {
                Optional<ReceivedMessage> message = consumer.receive(POLL);
                if (message.isPresent()) {
                    consumer.ack(message.get());
                    count.incrementAndGet();
                }
            }
        } catch (RuntimeException e) {
            if (running.get()) {
                LOG.warn("Counting messages of {} stopped: {}", topic, e.getMessage(), e);
            }
        }
    }

    private Optional<Consumer> subscribe() {
        while (running.get()) {
            try {
                return Optional.of(client.newConsumer().topic(topic).consumerName(subscription)
                        .subscription(subscription).subscribe());
            } catch (RuntimeException e) {
                LOG.debug("Topic {} not there yet: {}", topic, e.getMessage());
                try {
                    Thread.sleep(POLL.toMillis());
                } catch (InterruptedException interrupted) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        running.set(false);
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        client.close();
    }
}
