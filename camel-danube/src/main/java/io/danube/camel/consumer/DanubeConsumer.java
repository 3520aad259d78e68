package io.danube.camel.consumer;

import io.danube.camel.DanubeConfiguration;
import io.danube.camel.DanubeConstants;
import io.danube.camel.DanubeEndpoint;
import io.danube.camel.DanubeSubscriptionType;
import io.danube.camel.client.DanubeClientLease;
import io.danube.camel.health.DanubeConsumerHealthCheck;
import io.danube.client.consumer.Consumer;
import io.danube.client.consumer.ConsumerState;
import io.danube.client.error.DanubeRpcException;
import io.danube.client.error.TopicNotFoundException;
import io.danube.client.message.ReceivedMessage;
import io.danube.client.retry.Backoff;
import io.grpc.Status;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.spi.ExecutorServiceManager;
import org.apache.camel.support.DefaultConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Consumes a Danube subscription: {@code concurrentConsumers} threads take messages from one client consumer and
 * route each as an exchange, acknowledged when the exchange completes and negatively acknowledged when it fails.
 *
 * <p>The subscription is made when the consumer starts; if that fails, the error goes to the exception handler
 * (so {@code bridgeErrorHandler} applies) and subscribing is retried in the background with backoff. A topic that
 * does not exist yet is a wait rather than an error: it is logged in one WARN line when the wait begins and once a
 * minute while it lasts, and retried the same way. Stopping stops
 * taking messages, waits for the exchanges in flight, then closes the subscription; buffered messages that were never
 * routed are left for the broker to redeliver.
 */
public class DanubeConsumer extends DefaultConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(DanubeConsumer.class);
    private static final long STOP_TIMEOUT_MILLIS = 30_000;

    private final DanubeConfiguration configuration;
    private final String consumerName;
    private final InFlightExchanges inFlight = new InFlightExchanges();
    private final Object subscribing = new Object();
    private final MissingTopicReport missingTopic;
    private final Backoff resubscribeBackoff;
    private DanubeClientLease clientLease;
    private DanubeExchangeHeaders headers;
    private ExecutorService workers;
    private ScheduledExecutorService subscriber;
    private volatile Consumer subscription;
    private volatile Exception lastSubscribeError;
    private int subscribeAttempts;

    public DanubeConsumer(DanubeEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.configuration = endpoint.getConfiguration();
        this.consumerName = consumerName(configuration);
        this.missingTopic = new MissingTopicReport(endpoint.getTopicName(), configuration.getSubscription(),
                MissingTopicReport.INTERVAL, System::nanoTime, LOG::warn);
        this.resubscribeBackoff = new Backoff(Duration.ofMillis(configuration.getRetryBaseDelay()),
                Duration.ofMillis(configuration.getRetryMaxDelay()));
    }

    /**
     * The configured name, else a default. Danube keeps every consumer an Exclusive subscription has seen, so its
     * default must be stable across restarts; other types get a unique name so that instances do not take over each
     * other's stream.
     */
    private static String consumerName(DanubeConfiguration configuration) {
        if (configuration.getConsumerName() != null) {
            return configuration.getConsumerName();
        }
        if (configuration.getSubscriptionType() == DanubeSubscriptionType.Exclusive) {
            return configuration.getSubscription();
        }
        return configuration.getSubscription() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Override
    public DanubeEndpoint getEndpoint() {
        return (DanubeEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        if (HealthCheckHelper.getHealthCheckRepository(getEndpoint().getCamelContext(), "consumers") != null) {
            DanubeConsumerHealthCheck check = new DanubeConsumerHealthCheck(this, getRouteId());
            check.setEnabled(getEndpoint().getComponent().isHealthCheckConsumerEnabled());
            setHealthCheck(check);
        }
        headers = new DanubeExchangeHeaders(getEndpoint().getTopicName(), configuration.getSubscription(),
                getEndpoint().getHeaderFilterStrategy());
        clientLease = getEndpoint().getComponent().acquireClient(configuration);
        ExecutorServiceManager executors = getEndpoint().getCamelContext().getExecutorServiceManager();
        String topic = getEndpoint().getTopicName();
        workers = executors.newFixedThreadPool(this, "DanubeConsumer[" + topic + "]",
                configuration.getConcurrentConsumers());
        subscriber = executors.newSingleThreadScheduledExecutor(this, "DanubeSubscriber[" + topic + "]");
        subscribeAttempts = 0;
        missingTopic.reset();
        trySubscribe();
    }

    private void trySubscribe() {
        synchronized (subscribing) {
            if (!isRunAllowed()) {
                return;
            }
            try {
                Consumer subscribed = subscribe();
                if (!isRunAllowed()) {
                    subscribed.close();
                    return;
                }
                subscription = subscribed;
                lastSubscribeError = null;
                missingTopic.reset();
                startReceiving(subscribed);
            } catch (RuntimeException e) {
                lastSubscribeError = e;
                long delay = resubscribeBackoff.delayMillis(subscribeAttempts++);
                if (isMissingTopic(e)) {
                    missingTopic.missing();
                    LOG.debug("Danube topic {} not found; subscribing again in {} ms", getEndpoint().getTopicName(),
                            delay, e);
                } else {
                    getExceptionHandler().handleException("Failed to subscribe to Danube topic "
                            + getEndpoint().getTopicName() + " as " + configuration.getSubscription() + " / "
                            + consumerName + "; retrying in " + delay + " ms", e);
                }
                if (isRunAllowed()) {
                    subscriber.schedule(this::trySubscribe, delay, TimeUnit.MILLISECONDS);
                }
            }
        }
    }

    private static boolean isMissingTopic(RuntimeException error) {
        return error instanceof TopicNotFoundException
               || error instanceof DanubeRpcException rpc && rpc.code() == Status.Code.NOT_FOUND;
    }

    private void startReceiving(Consumer subscribed) {
        LOG.info("Subscribed to Danube topic {} as {} / {} with {} thread(s)", getEndpoint().getTopicName(),
                configuration.getSubscription(), consumerName, configuration.getConcurrentConsumers());
        Duration receiveTimeout = Duration.ofMillis(configuration.getReceiveTimeout());
        for (int i = 0; i < configuration.getConcurrentConsumers(); i++) {
            workers.execute(new DanubeReceiveLoop(subscribed, receiveTimeout, this::isRunAllowed, this::route));
        }
    }

    private Consumer subscribe() {
        return clientLease.client().newConsumer()
                .topic(getEndpoint().getTopicName())
                .consumerName(consumerName)
                .subscription(configuration.getSubscription())
                .subscriptionType(configuration.getSubscriptionType().clientType())
                .keyFilters(configuration.keyFilterList())
                .prefetch(configuration.getPrefetch())
                .connectionListener(new SubscriptionConnectionReporter(configuration.getSubscription(),
                        getExceptionHandler()))
                .subscribe();
    }

    private void route(ReceivedMessage message) {
        Exchange exchange;
        DanubeMessageReceipt receipt;
        try {
            exchange = createExchange(false);
            receipt = getEndpoint().getComponent().getMessageReceiptFactory()
                    .create(subscription, message, nackDelay());
            headers.fill(exchange, message);
            if (configuration.isAllowManualAcknowledgement()) {
                exchange.getIn().setHeader(DanubeConstants.MESSAGE_RECEIPT, receipt);
            }
        } catch (RuntimeException e) {
            getExceptionHandler().handleException("Failed to create an exchange for Danube message " + message.id()
                    + "; the broker redelivers it after its ack timeout", e);
            return;
        }
        inFlight.started();
        exchange.getExchangeExtension().addOnCompletion(new SettleOnCompletion(receipt,
                configuration.isAllowManualAcknowledgement(), this::reportSettleFailure, inFlight::finished));
        try {
            getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        if (exchange.getException() != null) {
            getExceptionHandler().handleException("Error processing Danube message " + message.id(), exchange,
                    exchange.getException());
        }
        releaseExchange(exchange, false);
    }

    private Duration nackDelay() {
        long millis = configuration.getNackRedeliveryDelay();
        return millis > 0 ? Duration.ofMillis(millis) : null;
    }

    private void reportSettleFailure(String message, Throwable error) {
        getExceptionHandler().handleException(message, error);
    }

    @Override
    protected void doStop() throws Exception {
        ExecutorServiceManager executors = getEndpoint().getCamelContext().getExecutorServiceManager();
        if (subscriber != null) {
            executors.shutdownNow(subscriber);
            subscriber = null;
        }
        Consumer closing;
        synchronized (subscribing) {
            closing = subscription;
        }
        if (workers != null) {
            executors.shutdownGraceful(workers, STOP_TIMEOUT_MILLIS);
            workers = null;
        }
        if (!inFlight.awaitNone(STOP_TIMEOUT_MILLIS)) {
            LOG.warn("{} exchange(s) of Danube topic {} still in flight after {} ms; their messages will be"
                    + " redelivered", inFlight.count(), getEndpoint().getTopicName(), STOP_TIMEOUT_MILLIS);
        }
        subscription = null;
        if (closing != null) {
            closing.close();
        }
        if (clientLease != null) {
            clientLease.close();
            clientLease = null;
        }
        super.doStop();
    }

    /** The consumer name used on the broker. */
    public String getConsumerName() {
        return consumerName;
    }

    /** State of the subscription; {@code null} while not subscribed. */
    public ConsumerState getSubscriptionState() {
        Consumer current = subscription;
        return current == null ? null : current.state();
    }

    /** Why the last subscription attempt failed; {@code null} once subscribed. */
    public Exception getLastSubscribeError() {
        return lastSubscribeError;
    }

    /** Exchanges routed but not completed yet. */
    public int getInFlightExchanges() {
        return inFlight.count();
    }
}
