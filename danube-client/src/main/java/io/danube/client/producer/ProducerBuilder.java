package io.danube.client.producer;

import io.danube.client.error.DanubeClientException;
import io.danube.client.internal.ClientContext;
import io.danube.client.internal.TopicNames;
import io.danube.client.schema.SchemaReference;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/** Configures and creates a {@link Producer}; obtained from {@code DanubeClient.newProducer()}. Not thread-safe. */
public final class ProducerBuilder {

    private final ClientContext ctx;
    private final Consumer<Producer> register;
    private final Consumer<Producer> deregister;
    private String topic;
    private String name;
    private int partitions;
    private DispatchMode dispatchMode = DispatchMode.NON_RELIABLE;
    private SchemaReference schema;
    private int maxInFlight = 1;

    public ProducerBuilder(ClientContext ctx, Consumer<Producer> register, Consumer<Producer> deregister) {
        this.ctx = ctx;
        this.register = register;
        this.deregister = deregister;
    }

    /** Topic in the form {@code /namespace/topic}. */
    public ProducerBuilder topic(String topic) {
        this.topic = topic;
        return this;
    }

    /** Producer name, unique per topic; partition {@code i} uses {@code <name>-<i>}. */
    public ProducerBuilder name(String name) {
        this.name = name;
        return this;
    }

    /** Publish to {@code count} partitions {@code <topic>-part-0 … <topic>-part-(count-1)}; 0 means not partitioned. */
    public ProducerBuilder partitions(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("partitions must be >= 0: " + count);
        }
        this.partitions = count;
        return this;
    }

    public ProducerBuilder dispatchMode(DispatchMode mode) {
        this.dispatchMode = Objects.requireNonNull(mode, "mode");
        return this;
    }

    /** Shorthand for {@code dispatchMode(DispatchMode.RELIABLE)}. */
    public ProducerBuilder reliable() {
        return dispatchMode(DispatchMode.RELIABLE);
    }

    /** Stamp messages with the schema id and version this reference resolves to at creation. */
    public ProducerBuilder schema(SchemaReference reference) {
        this.schema = reference;
        return this;
    }

    /**
     * Concurrent unary sends per partition. 1 (default) preserves send order; larger values pipeline calls for
     * throughput, and the broker then stores messages in arrival order, which may differ from send order.
     */
    public ProducerBuilder maxInFlight(int maxInFlight) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be >= 1: " + maxInFlight);
        }
        this.maxInFlight = maxInFlight;
        return this;
    }

    /**
     * Creates the producer on the broker (every partition), blocking until done.
     *
     * @throws io.danube.client.error.InvalidTopicNameException  for a malformed topic name
     * @throws io.danube.client.error.SchemaResolutionException  when the schema reference cannot be resolved
     * @throws io.danube.client.error.DanubeRpcException         when the broker refuses the producer
     */
    public Producer create() {
        TopicNames.validate(topic);
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("producer name is required");
        }
        ProducerSettings settings = new ProducerSettings(dispatchMode, schema, maxInFlight);
        List<PartitionProducer> created = new ArrayList<>();
        try {
            if (partitions == 0) {
                created.add(start(topic, name, settings));
            } else {
                for (int i = 0; i < partitions; i++) {
                    created.add(start(TopicNames.partition(topic, i), name + "-" + i, settings));
                }
            }
        } catch (DanubeClientException e) {
            created.forEach(PartitionProducer::finishClose);
            throw e;
        }
        Producer producer = new Producer(topic, name, created, ctx.closeTimeout(), deregister);
        register.accept(producer);
        return producer;
    }

    private PartitionProducer start(String partitionTopic, String partitionName, ProducerSettings settings) {
        PartitionProducer partition = new PartitionProducer(ctx, partitionTopic, partitionName, settings);
        partition.start();
        return partition;
    }
}
