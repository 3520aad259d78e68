package io.danube.camel.health;

import io.danube.camel.consumer.DanubeConsumer;
import io.danube.client.consumer.ConsumerState;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

import java.util.Map;

/**
 * Readiness of a {@code danube:} consumer: UP while its subscription has an open message stream on every partition,
 * DOWN while it is not subscribed yet, re-subscribing after a broker failure, or closed.
 */
public class DanubeConsumerHealthCheck extends AbstractHealthCheck {

    private final DanubeConsumer consumer;
    private final String routeId;

    public DanubeConsumerHealthCheck(DanubeConsumer consumer, String routeId) {
        super("camel", "danube-consumer-" + routeId);
        this.consumer = consumer;
        this.routeId = routeId;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("route.id", routeId);
        builder.detail("topic", consumer.getEndpoint().getTopicName());
        builder.detail("subscription", consumer.getEndpoint().getConfiguration().getSubscription());
        builder.detail("consumer.name", consumer.getConsumerName());
        builder.detail("service.url", consumer.getEndpoint().getConfiguration().getServiceUrl());
        ConsumerState state = consumer.getSubscriptionState();
        if (state == ConsumerState.CONNECTED) {
            builder.up();
            return;
        }
        builder.detail("state", state == null ? "NOT_SUBSCRIBED" : state.name());
        Exception subscribeError = consumer.getLastSubscribeError();
        if (subscribeError != null) {
            builder.error(subscribeError);
            builder.message("Subscribing failed: " + subscribeError.getMessage());
        } else {
            builder.message("The subscription is " + (state == null ? "not established" : state.name()));
        }
        builder.down();
    }
}
