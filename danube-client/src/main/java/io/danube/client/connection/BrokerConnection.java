package io.danube.client.connection;

import io.danube.proto.ConsumerServiceGrpc;
import io.danube.proto.DiscoveryGrpc;
import io.danube.proto.HealthCheckGrpc;
import io.danube.proto.ProducerServiceGrpc;
import io.danube.proto.schema.SchemaRegistryGrpc;
import io.grpc.Channel;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Stubs for one broker address: the pooled channel plus the auth and proxy headers. Each accessor returns a
 * stub carrying a fresh per-call deadline, so call it once per RPC.
 */
public final class BrokerConnection {

    private final BrokerAddress address;
    private final long deadlineMillis;
    private final ProducerServiceGrpc.ProducerServiceStub producer;
    private final ProducerServiceGrpc.ProducerServiceBlockingStub producerBlocking;
    private final ConsumerServiceGrpc.ConsumerServiceBlockingStub consumerBlocking;
    private final ConsumerServiceGrpc.ConsumerServiceStub consumer;
    private final DiscoveryGrpc.DiscoveryBlockingStub discovery;
    private final HealthCheckGrpc.HealthCheckStub health;
    private final SchemaRegistryGrpc.SchemaRegistryBlockingStub schema;

    BrokerConnection(BrokerAddress address, Channel channel, Duration deadline) {
        this.address = address;
        this.deadlineMillis = deadline.toMillis();
        this.producer = ProducerServiceGrpc.newStub(channel);
        this.producerBlocking = ProducerServiceGrpc.newBlockingStub(channel);
        this.consumerBlocking = ConsumerServiceGrpc.newBlockingStub(channel);
        this.consumer = ConsumerServiceGrpc.newStub(channel);
        this.discovery = DiscoveryGrpc.newBlockingStub(channel);
        this.health = HealthCheckGrpc.newStub(channel);
        this.schema = SchemaRegistryGrpc.newBlockingStub(channel);
    }

    public BrokerAddress address() {
        return address;
    }

    public ProducerServiceGrpc.ProducerServiceStub producer() {
        return producer.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS);
    }

    public ProducerServiceGrpc.ProducerServiceBlockingStub producerBlocking() {
        return producerBlocking.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS);
    }

    public ConsumerServiceGrpc.ConsumerServiceBlockingStub consumerBlocking() {
        return consumerBlocking.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS);
    }

    public ConsumerServiceGrpc.ConsumerServiceStub consumer() {
        return consumer.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS);
    }

    /** Consumer stub without a deadline, for the long-lived ReceiveMessages stream. */
    public ConsumerServiceGrpc.ConsumerServiceStub consumerStream() {
        return consumer;
    }

    public DiscoveryGrpc.DiscoveryBlockingStub discovery() {
        return discovery.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS);
    }

    public HealthCheckGrpc.HealthCheckStub health() {
        return health.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS);
    }

    public SchemaRegistryGrpc.SchemaRegistryBlockingStub schema() {
        return schema.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS);
    }
}
