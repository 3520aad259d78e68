package io.danube.camel.producer;

import io.danube.camel.DanubeConfiguration;
import io.danube.camel.DanubeConstants;
import io.danube.camel.DanubeEndpoint;
import io.danube.camel.client.DanubeClientLease;
import io.danube.camel.health.DanubeProducerHealthCheck;
import io.danube.client.error.MessageRefusals;
import io.danube.client.message.OutgoingMessage;
import io.danube.client.producer.Producer;
import io.danube.client.producer.ProducerBuilder;
import io.danube.client.producer.ProducerState;
import io.danube.client.producer.SendReceipt;
import org.apache.camel.AsyncCallback;
import org.apache.camel.CamelExchangeException;
import org.apache.camel.Exchange;
import org.apache.camel.Expression;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.WritableHealthCheckRepository;
import org.apache.camel.support.DefaultAsyncProducer;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Publishes each exchange as one Danube message. The exchange completes when the broker confirmed the message; a
 * failed send sets a {@link CamelExchangeException} so that Camel's error handler can retry it.
 */
public class DanubeProducer extends DefaultAsyncProducer {

    private final DanubeConfiguration configuration;
    private final String producerName;
    private DanubeClientLease clientLease;
    private volatile Producer producer;
    private DanubeMessageFactory messages;
    private DanubeProducerHealthCheck healthCheck;
    private WritableHealthCheckRepository healthCheckRepository;
    private volatile Throwable lastSendFailure;

    public DanubeProducer(DanubeEndpoint endpoint) {
        super(endpoint);
        this.configuration = endpoint.getConfiguration();
        this.producerName = configuration.getProducerName() != null
                ? configuration.getProducerName()
                : "camel-" + endpoint.getTopic() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Override
    public DanubeEndpoint getEndpoint() {
        return (DanubeEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        Expression routingKey = configuration.getRoutingKey() == null ? null
                : getEndpoint().getCamelContext().resolveLanguage("simple")
                        .createExpression(configuration.getRoutingKey());
        messages = new DanubeMessageFactory(getEndpoint().getHeaderFilterStrategy(), routingKey);
        clientLease = getEndpoint().getComponent().acquireClient(configuration);
        try {
            producer = createProducer();
        } catch (RuntimeException e) {
            clientLease.close();
            clientLease = null;
            throw e;
        }
        healthCheckRepository = HealthCheckHelper.getHealthCheckRepository(getEndpoint().getCamelContext(),
                "producers", WritableHealthCheckRepository.class);
        if (healthCheckRepository != null) {
            healthCheck = new DanubeProducerHealthCheck(this, producerName);
            healthCheck.setEnabled(getEndpoint().getComponent().isHealthCheckProducerEnabled());
            healthCheckRepository.addHealthCheck(healthCheck);
        }
    }

    private Producer createProducer() {
        ProducerBuilder builder = clientLease.client().newProducer()
                .topic(getEndpoint().getTopicName())
                .name(producerName)
                .partitions(configuration.getPartitions())
                .dispatchMode(configuration.getDispatchStrategy().clientMode())
                .maxInFlight(configuration.getMaxInFlight());
        if (configuration.getSchemaSubject() != null) {
            builder.schema(configuration.getSchemaVersionStrategy()
                    .reference(configuration.getSchemaSubject(), configuration.getSchemaVersion()));
        }
        return builder.create();
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        OutgoingMessage message;
        try {
            message = messages.create(exchange);
        } catch (Exception e) {
            exchange.setException(e);
            callback.done(true);
            return true;
        }
        CompletableFuture<SendReceipt> sent;
        try {
            sent = producer.sendAsync(message);
        } catch (RuntimeException e) {
            onSendFailed(exchange, e);
            callback.done(true);
            return true;
        }
        sent.whenComplete((receipt, error) -> {
            try {
                if (error != null) {
                    onSendFailed(exchange, error);
                } else {
                    onSent(exchange, receipt);
                }
            } finally {
                callback.done(false);
            }
        });
        return false;
    }

    private void onSent(Exchange exchange, SendReceipt receipt) {
        lastSendFailure = null;
        exchange.getMessage().setHeader(DanubeConstants.PARTITION_TOPIC, receipt.topic());
        exchange.getMessage().setHeader(DanubeConstants.PRODUCER_NAME, receipt.producerName());
        exchange.getMessage().setHeader(DanubeConstants.REQUEST_ID, receipt.requestId());
    }

    private void onSendFailed(Exchange exchange, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (!MessageRefusals.refusesTheMessage(cause)) {
            // a message refused for what it is (too large, against the schema) says nothing about this producer
            lastSendFailure = cause;
        }
        exchange.setException(new CamelExchangeException("Failed to publish to Danube topic "
                + getEndpoint().getTopicName() + " as producer " + producerName + ": " + cause.getMessage(),
                exchange, cause));
    }

    @Override
    protected void doStop() throws Exception {
        if (healthCheckRepository != null && healthCheck != null) {
            healthCheckRepository.removeHealthCheck(healthCheck);
            healthCheck = null;
        }
        Producer closing = producer;
        producer = null;
        if (closing != null) {
            closing.close();
        }
        if (clientLease != null) {
            clientLease.close();
            clientLease = null;
        }
        super.doStop();
    }

    /** The producer name used on the broker (partition producers add {@code -<i>}). */
    public String getProducerName() {
        return producerName;
    }

    /** State of the client producer; {@code null} while not created. */
    public ProducerState getProducerState() {
        Producer current = producer;
        return current == null ? null : current.state();
    }

    /**
     * The cause of the last failed send, cleared by the next successful one; a message refused for itself
     * ({@link MessageRefusals}) does not count, so one poison message does not mark the producer down.
     */
    public Throwable getLastSendFailure() {
        return lastSendFailure;
    }
}
