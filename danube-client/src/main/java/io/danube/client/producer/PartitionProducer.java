package io.danube.client.producer;

import com.google.protobuf.UnsafeByteOperations;
import io.danube.client.connection.BrokerAddress;
import io.danube.client.connection.BrokerConnection;
import io.danube.client.error.ClientClosedException;
import io.danube.client.error.DanubeClientException;
import io.danube.client.error.DanubeRpcException;
import io.danube.client.error.PayloadTooLargeException;
import io.danube.client.error.RetriesExhaustedException;
import io.danube.client.internal.Callbacks;
import io.danube.client.internal.ClientContext;
import io.danube.client.internal.HealthProbe;
import io.danube.client.message.OutgoingMessage;
import io.danube.client.retry.RetryPolicy;
import io.danube.client.schema.ResolvedSchema;
import io.danube.proto.DispatchStrategy;
import io.danube.proto.HealthCheckRequest;
import io.danube.proto.MsgID;
import io.danube.proto.ProducerAccessMode;
import io.danube.proto.ProducerRequest;
import io.danube.proto.ProducerResponse;
import io.danube.proto.SchemaReference;
import io.danube.proto.StreamMessage;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The producer of one topic partition. Sends are queued and issued as non-blocking unary calls, at most
 * {@code maxInFlight} at a time; a failed send keeps its slot while it is retried, so with one slot messages reach
 * the broker in submission order. CLOSE from the health check or NOT_FOUND from SendMessage re-creates the producer
 * and the affected sends resume.
 */
final class PartitionProducer {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionProducer.class);

    private final ClientContext ctx;
    private final String topic;
    private final String name;
    private final ProducerSettings settings;
    private final AtomicLong requestIds = new AtomicLong();
    private final AtomicReference<ProducerState> state = new AtomicReference<>(ProducerState.DISCONNECTED);
    private final Queue<PendingSend> queue = new ConcurrentLinkedQueue<>();
    private final List<PendingSend> awaitingReconnect = new ArrayList<>();
    private final Set<PendingSend> unconfirmed = ConcurrentHashMap.newKeySet();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger unfinished = new AtomicInteger();
    private final CompletableFuture<Void> drained = new CompletableFuture<>();
    private volatile boolean closing;
    private volatile Registration registration;
    private volatile ResolvedSchema schema;
    private volatile ScheduledFuture<?> healthCheck;

    /**
     * The broker-side identity of this producer, replaced on every re-creation; {@code msgId} is the message id
     * template stamped on every message sent under it.
     */
    private record Registration(BrokerConnection connection, long producerId, long generation, MsgID msgId) {
    }

    PartitionProducer(ClientContext ctx, String topic, String name, ProducerSettings settings) {
        this.ctx = ctx;
        this.topic = topic;
        this.name = name;
        this.settings = settings;
    }

    ProducerState state() {
        return state.get();
    }

    /** Looks the topic up, creates the producer on the broker and starts the health check. Blocking. */
    void start() {
        if (settings.schema() != null) {
            schema = ctx.schemaRegistry().resolve(settings.schema());
        }
        registration = register(ctx.serviceAddress(), 0);
        state.set(ProducerState.CONNECTED);
        long period = ctx.healthCheckInterval().toMillis();
        healthCheck = ctx.scheduler().scheduleAtFixedRate(this::checkHealth, period, period, TimeUnit.MILLISECONDS);
    }

    private Registration register(BrokerAddress startFrom, long generation) {
        BrokerAddress address = lookup(startFrom);
        RetryPolicy policy = ctx.retryPolicy();
        int failures = 0;
        while (true) {
            BrokerConnection connection = ctx.connection(address);
            try {
                ProducerResponse response = connection.producerBlocking().createProducer(createRequest());
                LOG.debug("producer {} registered on {} as {}", name, topic, response.getProducerId());
                MsgID msgId = MsgID.newBuilder()
                        .setProducerId(response.getProducerId())
                        .setTopicName(topic)
                        .setBrokerAddr(connection.address().brokerUrl())
                        .build();
                return new Registration(connection, response.getProducerId(), generation, msgId);
            } catch (StatusRuntimeException e) {
                Status status = e.getStatus();
                if (!RetryPolicy.isRetryable(status)) {
                    throw DanubeRpcException.of("CreateProducer", status, topic, name);
                }
                failures++;
                if (!policy.allowsRetry(failures) || closing) {
                    throw new RetriesExhaustedException("CreateProducer", status, topic, name, failures);
                }
                pause(policy.delayMillis(failures - 1));
                address = lookup(address);
            }
        }
    }

    private BrokerAddress lookup(BrokerAddress current) {
        try {
            return ctx.lookup().lookup(topic, current);
        } catch (DanubeClientException e) {
            LOG.debug("lookup of {} failed, staying on {}: {}", topic, current.connectUrl(), e.getMessage());
            return current;
        }
    }

    private ProducerRequest createRequest() {
        ProducerRequest.Builder request = ProducerRequest.newBuilder()
                .setRequestId(requestIds.getAndIncrement())
                .setProducerName(name)
                .setTopicName(topic)
                .setProducerAccessMode(ProducerAccessMode.Shared)
                .setDispatchStrategy(settings.dispatchMode() == DispatchMode.RELIABLE
                        ? DispatchStrategy.Reliable : DispatchStrategy.NonReliable);
        if (settings.schema() != null) {
            SchemaReference.Builder ref = SchemaReference.newBuilder().setSubject(settings.schema().subject());
            switch (settings.schema().selector()) {
                case LATEST -> ref.setUseLatest(true);
                case PINNED -> ref.setPinnedVersion(settings.schema().version());
                case MINIMUM -> ref.setMinVersion(settings.schema().version());
            }
            request.setSchemaRef(ref);
        }
        return request.build();
    }

    CompletableFuture<SendReceipt> send(OutgoingMessage message) {
        if (closing) {
            return CompletableFuture.failedFuture(new ClientClosedException("producer " + name + " on " + topic + " is closed"));
        }
        Registration current = registration;
        StreamMessage wire = toWire(message, current);
        int size = wire.getSerializedSize();
        if (size > ctx.maxMessageBytes()) {
            return CompletableFuture.failedFuture(new PayloadTooLargeException(topic, name, size, ctx.maxMessageBytes()));
        }
        PendingSend pending = new PendingSend(this, wire, current.generation());
        unfinished.incrementAndGet();
        // Counted down once the application's future is completed (on the callback executor), not when the broker
        // answers: close() returns only after every accepted send's future is done.
        pending.result.whenComplete((receipt, error) -> finished());
        unconfirmed.add(pending);
        queue.add(pending);
        if (state.get() == ProducerState.DISCONNECTED) {
            reconnect();
        }
        drain();
        return pending.result;
    }

    private StreamMessage toWire(OutgoingMessage message, Registration current) {
        StreamMessage.Builder wire = StreamMessage.newBuilder()
                .setRequestId(requestIds.getAndIncrement())
                .setMsgId(current.msgId())
                .setPayload(UnsafeByteOperations.unsafeWrap(message.payload()))
                .setPublishTime(System.currentTimeMillis())
                .setProducerName(name)
                .putAllAttributes(message.attributes());
        message.key().ifPresent(wire::setRoutingKey);
        ResolvedSchema resolved = schema;
        if (resolved != null) {
            wire.setSchemaId(resolved.schemaId()).setSchemaVersion(resolved.version());
        }
        return wire.build();
    }

    private void drain() {
        while (state.get() == ProducerState.CONNECTED) {
            int used = inFlight.get();
            if (used >= settings.maxInFlight()) {
                return;
            }
            if (!inFlight.compareAndSet(used, used + 1)) {
                continue;
            }
            PendingSend next = queue.poll();
            if (next == null) {
                inFlight.decrementAndGet();
                if (queue.isEmpty()) {
                    return;
                }
                continue;
            }
            issue(next);
        }
    }

    /** Sends a message that holds an in-flight slot, or parks it until the producer is registered again. */
    private void issue(PendingSend pending) {
        Registration current = registration;
        ProducerState now = state.get();
        if (now == ProducerState.CLOSED) {
            fail(pending, closedBeforeConfirmation());
            return;
        }
        if (now != ProducerState.CONNECTED) {
            park(pending);
            return;
        }
        if (pending.builtForGeneration != current.generation()) {
            pending.message = pending.message.toBuilder().setMsgId(current.msgId()).build();
            pending.builtForGeneration = current.generation();
        }
        current.connection().producer().sendMessage(pending.message, pending);
    }

    private void park(PendingSend pending) {
        synchronized (awaitingReconnect) {
            awaitingReconnect.add(pending);
        }
        ProducerState now = state.get();
        if (now == ProducerState.CONNECTED) {
            resumeParked();
        } else if (now == ProducerState.DISCONNECTED) {
            reconnect();
        }
    }

    void onSendSucceeded(PendingSend pending) {
        SendReceipt receipt = new SendReceipt(topic, name, pending.message.getMsgId().getProducerId(), pending.requestId);
        Callbacks.complete(ctx.callbacks(), pending.result, receipt);
        release(pending);
    }

    void onSendFailed(PendingSend pending, Status status) {
        if (pending.result.isDone()) {
            release(pending);
            return;
        }
        if (state.get() == ProducerState.CLOSED) {
            fail(pending, closedBeforeConfirmation());
            return;
        }
        Status.Code code = status.getCode();
        RetryPolicy policy = ctx.retryPolicy();
        if (code == Status.Code.NOT_FOUND) {
            pending.recreations++;
            if (!policy.allowsRetry(pending.recreations)) {
                fail(pending, new RetriesExhaustedException("SendMessage", status, topic, name, pending.recreations));
                return;
            }
            if (pending.builtForGeneration == registration.generation()) {
                LOG.info("producer {} unknown to the broker for {}, re-creating it", name, topic);
                reconnect();
            }
            park(pending);
        } else if (RetryPolicy.isRetryable(code)) {
            pending.transientFailures++;
            if (!policy.allowsRetry(pending.transientFailures)) {
                fail(pending, new RetriesExhaustedException("SendMessage", status, topic, name, pending.transientFailures));
                return;
            }
            try {
                ctx.scheduler().schedule(() -> issue(pending),
                        policy.delayMillis(pending.transientFailures - 1), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException clientClosed) {
                fail(pending, closedBeforeConfirmation());
            }
        } else {
            fail(pending, new DanubeRpcException("SendMessage", status, topic, name));
        }
    }

    private void fail(PendingSend pending, DanubeClientException error) {
        Callbacks.fail(ctx.callbacks(), pending.result, error);
        release(pending);
    }

    private void release(PendingSend pending) {
        unconfirmed.remove(pending);
        inFlight.decrementAndGet();
        drain();
    }

    private void finished() {
        if (unfinished.decrementAndGet() == 0 && closing) {
            drained.complete(null);
        }
    }

    /** Starts a background re-lookup and re-creation unless one is already running. */
    void reconnect() {
        if (closing) {
            return;
        }
        ProducerState seen = state.get();
        if (seen == ProducerState.RECONNECTING || seen == ProducerState.CLOSED
                || !state.compareAndSet(seen, ProducerState.RECONNECTING)) {
            return;
        }
        ctx.worker().execute(this::reRegister);
    }

    private void reRegister() {
        Registration previous = registration;
        try {
            registration = register(previous.connection().address(), previous.generation() + 1);
            if (state.compareAndSet(ProducerState.RECONNECTING, ProducerState.CONNECTED)) {
                LOG.info("producer {} re-created on {} as {}", name, topic, registration.producerId());
                resumeParked();
                drain();
            }
        } catch (DanubeClientException e) {
            LOG.warn("re-creating producer {} on {} failed: {}", name, topic, e.getMessage());
            failParkedAndQueued(e);
            if (state.compareAndSet(ProducerState.RECONNECTING, ProducerState.DISCONNECTED) && !queue.isEmpty()) {
                reconnect();
            }
        }
    }

    private void resumeParked() {
        List<PendingSend> resumed;
        synchronized (awaitingReconnect) {
            resumed = new ArrayList<>(awaitingReconnect);
            awaitingReconnect.clear();
        }
        resumed.sort(Comparator.comparingLong(p -> p.requestId));
        resumed.forEach(this::issue);
    }

    private void failParkedAndQueued(DanubeClientException error) {
        List<PendingSend> parked;
        synchronized (awaitingReconnect) {
            parked = new ArrayList<>(awaitingReconnect);
            awaitingReconnect.clear();
        }
        parked.forEach(p -> fail(p, error));
        for (PendingSend queued = queue.poll(); queued != null; queued = queue.poll()) {
            inFlight.incrementAndGet();
            fail(queued, error);
        }
    }

    private void checkHealth() {
        ProducerState current = state.get();
        if (current == ProducerState.DISCONNECTED) {
            reconnect();
            return;
        }
        if (current != ProducerState.CONNECTED) {
            return;
        }
        Registration checked = registration;
        HealthProbe.probe(checked.connection(), requestIds.getAndIncrement(), HealthCheckRequest.ClientType.Producer,
                checked.producerId(), "producer " + name + " on " + topic, reason -> {
                    if (registration == checked) {
                        LOG.info("{}, re-creating it", reason);
                        reconnect();
                    }
                });
    }

    /**
     * Stops accepting sends; the returned future completes once the future of every queued and in-flight send is
     * completed.
     */
    CompletableFuture<Void> beginClose() {
        closing = true;
        if (unfinished.get() == 0) {
            drained.complete(null);
        }
        return drained;
    }

    /** Fails whatever did not finish during the drain, cancelling its call, and stops the health check. */
    void finishClose() {
        state.set(ProducerState.CLOSED);
        if (healthCheck != null) {
            healthCheck.cancel(false);
        }
        ClientClosedException error = closedBeforeConfirmation();
        for (PendingSend pending : List.copyOf(unconfirmed)) {
            pending.result.completeExceptionally(error);
            pending.cancelCall("producer closed");
        }
        unconfirmed.clear();
    }

    private ClientClosedException closedBeforeConfirmation() {
        return new ClientClosedException("producer " + name + " on " + topic
                + " closed before the broker confirmed the send");
    }

    private void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientClosedException("interrupted while re-creating producer " + name + " on " + topic);
        }
    }
}
