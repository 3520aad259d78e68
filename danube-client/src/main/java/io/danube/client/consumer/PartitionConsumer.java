package io.danube.client.consumer;

import io.danube.client.connection.BrokerAddress;
import io.danube.client.connection.BrokerConnection;
import io.danube.client.error.DanubeClientException;
import io.danube.client.internal.ClientContext;
import io.danube.client.internal.HealthProbe;
import io.danube.client.message.MessageId;
import io.danube.client.message.ReceivedMessage;
import io.danube.client.retry.AsyncRetry;
import io.danube.proto.AckRequest;
import io.danube.proto.AckResponse;
import io.danube.proto.ConsumerRequest;
import io.danube.proto.ConsumerResponse;
import io.danube.proto.HealthCheckRequest;
import io.danube.proto.MsgID;
import io.danube.proto.NackRequest;
import io.danube.proto.NackResponse;
import io.danube.proto.ReceiveRequest;
import io.danube.proto.StreamMessage;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The subscription of one consumer to one topic partition. Keeps a ReceiveMessages stream open with manual flow
 * control: messages requested from the stream plus messages waiting in the local buffer are kept at the window, so
 * the local buffer cannot outgrow it.
 * Re-subscribes with backoff whenever the stream ends or the health check reports CLOSE.
 */
final class PartitionConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionConsumer.class);

    private final ClientContext ctx;
    private final String topic;
    private final ConsumerSettings settings;
    private final Consumer<ReceivedMessage> sink;
    private final AsyncRetry asyncRetry;
    private final AtomicLong requestIds = new AtomicLong();
    private final AtomicLong streamGeneration = new AtomicLong();
    private final AtomicLong subscriptions = new AtomicLong();
    private final AtomicInteger buffered = new AtomicInteger();
    private final AtomicInteger outstanding = new AtomicInteger();
    private final AtomicInteger reconnectAttempts = new AtomicInteger();
    private final AtomicReference<ConsumerState> state = new AtomicReference<>(ConsumerState.RECONNECTING);
    private volatile BrokerConnection connection;
    private volatile long consumerId;
    private volatile ClientCallStreamObserver<ReceiveRequest> stream;
    private volatile BrokerAddress lastAddress;
    private volatile ScheduledFuture<?> healthCheck;

    PartitionConsumer(ClientContext ctx, String topic, ConsumerSettings settings, Consumer<ReceivedMessage> sink) {
        this.ctx = ctx;
        this.topic = topic;
        this.settings = settings;
        this.sink = sink;
        this.asyncRetry = new AsyncRetry(ctx.retryPolicy(), ctx.scheduler());
        this.lastAddress = ctx.serviceAddress();
    }

    String topic() {
        return topic;
    }

    ConsumerState state() {
        return state.get();
    }

    /** Subscribes and opens the stream (blocking), then starts the health check. */
    void start() {
        subscribe();
        state.set(ConsumerState.CONNECTED);
        openStream();
        long period = ctx.healthCheckInterval().toMillis();
        healthCheck = ctx.scheduler().scheduleAtFixedRate(this::checkHealth, period, period, TimeUnit.MILLISECONDS);
    }

    private void subscribe() {
        BrokerAddress address = lookup(lastAddress);
        BrokerConnection target = ctx.connection(address);
        ConsumerRequest request = ConsumerRequest.newBuilder()
                .setRequestId(requestIds.getAndIncrement())
                .setTopicName(topic)
                .setConsumerName(settings.consumerName())
                .setSubscription(settings.subscription())
                .setSubscriptionType(settings.type().wire())
                .addAllKeyFilters(settings.keyFilters())
                .build();
        ConsumerResponse response = ctx.blockingRetry().call("Subscribe", topic, settings.consumerName(),
                () -> target.consumerBlocking().subscribe(request));
        connection = target;
        lastAddress = address;
        consumerId = response.getConsumerId();
        subscriptions.incrementAndGet();
        LOG.debug("consumer {} subscribed to {} / {} as {}", settings.consumerName(), topic,
                settings.subscription(), consumerId);
    }

    private BrokerAddress lookup(BrokerAddress current) {
        try {
            return ctx.lookup().lookup(topic, current);
        } catch (DanubeClientException e) {
            LOG.debug("lookup of {} failed, staying on {}: {}", topic, current.connectUrl(), e.getMessage());
            return current;
        }
    }

    private void openStream() {
        long generation = streamGeneration.incrementAndGet();
        ReceiveRequest request = ReceiveRequest.newBuilder()
                .setRequestId(requestIds.getAndIncrement())
                .setConsumerId(consumerId)
                .build();
        connection.consumerStream().receiveMessages(request, new StreamListener(generation));
        topUp();
    }

    /** Called when the application took one of this partition's messages out of the local buffer. */
    void onConsumed() {
        buffered.decrementAndGet();
        topUp();
    }

    /** Requests from the current stream whatever keeps requested-but-undelivered plus buffered at the window. */
    private void topUp() {
        ClientCallStreamObserver<ReceiveRequest> current = stream;
        if (current == null) {
            return;
        }
        while (true) {
            int pending = outstanding.get();
            int missing = settings.window() - buffered.get() - pending;
            if (missing <= 0) {
                return;
            }
            if (outstanding.compareAndSet(pending, pending + missing)) {
                current.request(missing);
                return;
            }
        }
    }

    private final class StreamListener implements ClientResponseObserver<ReceiveRequest, StreamMessage> {

        private final long generation;

        StreamListener(long generation) {
            this.generation = generation;
        }

        @Override
        public void beforeStart(ClientCallStreamObserver<ReceiveRequest> requestStream) {
            int initial = Math.max(0, settings.window() - buffered.get());
            outstanding.set(initial);
            requestStream.disableAutoRequestWithInitial(initial);
            stream = requestStream;
        }

        @Override
        public void onNext(StreamMessage message) {
            if (generation != streamGeneration.get()) {
                return;
            }
            outstanding.decrementAndGet();
            buffered.incrementAndGet();
            sink.accept(toReceived(message));
        }

        @Override
        public void onError(Throwable error) {
            streamEnded(generation, Status.fromThrowable(error));
        }

        @Override
        public void onCompleted() {
            streamEnded(generation, Status.OK);
        }
    }

    private void streamEnded(long generation, Status status) {
        if (generation != streamGeneration.get() || state.get() == ConsumerState.CLOSED) {
            return;
        }
        LOG.info("message stream of consumer {} on {} ended ({}), re-subscribing", settings.consumerName(), topic,
                status.getCode());
        resubscribe();
    }

    /** Starts re-subscribing unless a re-subscription is already under way or the consumer is closed. */
    private void resubscribe() {
        if (!state.compareAndSet(ConsumerState.CONNECTED, ConsumerState.RECONNECTING)) {
            return;
        }
        streamGeneration.incrementAndGet();
        ClientCallStreamObserver<ReceiveRequest> old = stream;
        stream = null;
        if (old != null) {
            old.cancel("re-subscribing", null);
        }
        scheduleSubscribeAttempt();
    }

    private void scheduleSubscribeAttempt() {
        long delay = ctx.retryPolicy().delayMillis(reconnectAttempts.getAndIncrement());
        try {
            ctx.scheduler().schedule(() -> ctx.worker().execute(this::trySubscribeAgain), delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            LOG.debug("client shutting down, consumer {} on {} not re-subscribed", settings.consumerName(), topic);
        }
    }

    private void trySubscribeAgain() {
        if (state.get() != ConsumerState.RECONNECTING) {
            return;
        }
        try {
            subscribe();
        } catch (DanubeClientException e) {
            LOG.warn("re-subscribing consumer {} to {} failed: {}", settings.consumerName(), topic, e.getMessage());
            scheduleSubscribeAttempt();
            return;
        }
        if (state.compareAndSet(ConsumerState.RECONNECTING, ConsumerState.CONNECTED)) {
            reconnectAttempts.set(0);
            LOG.info("consumer {} re-subscribed to {} as {}", settings.consumerName(), topic, consumerId);
            openStream();
        }
    }

    private void checkHealth() {
        if (state.get() != ConsumerState.CONNECTED) {
            return;
        }
        long checkedSubscription = subscriptions.get();
        HealthProbe.probe(connection, requestIds.getAndIncrement(), HealthCheckRequest.ClientType.Consumer, consumerId,
                "consumer " + settings.consumerName() + " on " + topic, reason -> {
                    if (checkedSubscription == subscriptions.get()) {
                        LOG.info("{}, re-subscribing", reason);
                        resubscribe();
                    }
                });
    }

    CompletableFuture<Void> ack(ReceivedMessage message) {
        AckRequest request = AckRequest.newBuilder()
                .setRequestId(message.requestId())
                .setMsgId(toWire(message.id()))
                .setSubscriptionName(settings.subscription())
                .build();
        return asyncRetry.<AckResponse>call("Ack", topic, settings.consumerName(),
                observer -> connection.consumer().ack(request, observer)).thenApply(response -> null);
    }

    CompletableFuture<Void> nack(ReceivedMessage message, Duration delay, String reason) {
        NackRequest.Builder request = NackRequest.newBuilder()
                .setRequestId(message.requestId())
                .setMsgId(toWire(message.id()))
                .setSubscriptionName(settings.subscription());
        if (delay != null) {
            request.setDelayMs(delay.toMillis());
        }
        if (reason != null) {
            request.setReason(reason);
        }
        NackRequest built = request.build();
        return asyncRetry.<NackResponse>call("Nack", topic, settings.consumerName(),
                observer -> connection.consumer().nack(built, observer)).thenApply(response -> null);
    }

    void close() {
        state.set(ConsumerState.CLOSED);
        streamGeneration.incrementAndGet();
        if (healthCheck != null) {
            healthCheck.cancel(false);
        }
        ClientCallStreamObserver<ReceiveRequest> current = stream;
        stream = null;
        if (current != null) {
            current.cancel("consumer closed", null);
        }
    }

    private static MsgID toWire(MessageId id) {
        return MsgID.newBuilder()
                .setProducerId(id.producerId())
                .setTopicName(id.topic())
                .setBrokerAddr(id.brokerAddress())
                .setTopicOffset(id.offset())
                .build();
    }

    private static ReceivedMessage toReceived(StreamMessage message) {
        MsgID wireId = message.getMsgId();
        return new ReceivedMessage(
                new MessageId(wireId.getProducerId(), wireId.getTopicName(), wireId.getBrokerAddr(), wireId.getTopicOffset()),
                message.getRequestId(),
                message.getPayload().toByteArray(),
                message.getAttributesMap(),
                message.getPublishTime(),
                message.getProducerName(),
                message.hasRoutingKey() ? Optional.of(message.getRoutingKey()) : Optional.empty(),
                message.hasSchemaId() ? OptionalLong.of(message.getSchemaId()) : OptionalLong.empty(),
                message.hasSchemaVersion() ? OptionalInt.of(message.getSchemaVersion()) : OptionalInt.empty());
    }
}
