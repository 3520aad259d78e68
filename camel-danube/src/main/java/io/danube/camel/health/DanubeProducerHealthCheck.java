package io.danube.camel.health;

import io.danube.camel.producer.DanubeProducer;
import io.danube.client.producer.ProducerState;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

import java.util.Map;

/**
 * Readiness of a {@code danube:} producer: UP while every partition producer is registered with the broker and the
 * last send did not fail; DOWN while re-creating after a broker failure, or after a failed send until one succeeds
 * (a message refused for itself, too large or against the schema, is not a failure of the producer).
 */
public class DanubeProducerHealthCheck extends AbstractHealthCheck {

    private final DanubeProducer producer;

    public DanubeProducerHealthCheck(DanubeProducer producer, String id) {
        super("camel", "danube-producer-" + id);
        this.producer = producer;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("topic", producer.getEndpoint().getTopicName());
        builder.detail("producer.name", producer.getProducerName());
        builder.detail("service.url", producer.getEndpoint().getConfiguration().getServiceUrl());
        ProducerState state = producer.getProducerState();
        Throwable sendFailure = producer.getLastSendFailure();
        if (state == ProducerState.CONNECTED && sendFailure == null) {
            builder.up();
            return;
        }
        builder.detail("state", state == null ? "NOT_CREATED" : state.name());
        if (sendFailure != null) {
            builder.error(sendFailure);
            builder.message("The last send failed: " + sendFailure.getMessage());
        } else {
            builder.message("The producer is " + (state == null ? "not created" : state.name()));
        }
        builder.down();
    }
}
