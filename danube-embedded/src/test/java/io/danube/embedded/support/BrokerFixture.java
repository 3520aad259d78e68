package io.danube.embedded.support;

import io.danube.embedded.BrokerConfig;
import io.danube.embedded.EmbeddedDanube;
import io.danube.proto.AckRequest;
import io.danube.proto.ConsumerRequest;
import io.danube.proto.ConsumerRequest.SubscriptionType;
import io.danube.proto.ConsumerServiceGrpc;
import io.danube.proto.DiscoveryGrpc;
import io.danube.proto.DispatchStrategy;
import io.danube.proto.HealthCheckGrpc;
import io.danube.proto.HealthCheckRequest;
import io.danube.proto.HealthCheckResponse;
import io.danube.proto.MessageResponse;
import io.danube.proto.MsgID;
import io.danube.proto.NackRequest;
import io.danube.proto.ProducerRequest;
import io.danube.proto.ProducerServiceGrpc;
import io.danube.proto.StreamMessage;
import io.danube.proto.TopicLookupRequest;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import com.google.protobuf.ByteString;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** A started broker plus a loopback channel and raw stubs, with small helpers for the wire calls tests make. */
public final class BrokerFixture implements AutoCloseable {

    /** Short timings so behaviour that takes seconds on the real broker shows within a test. */
    public static BrokerConfig.Builder fastConfig() {
        return BrokerConfig.builder()
                .heartbeatInterval(Duration.ofMillis(50))
                .idleSubscriptionGrace(Duration.ofMillis(300))
                .idleSubscriptionCheckInterval(Duration.ofMillis(100))
                .fsyncInterval(Duration.ofMillis(200));
    }

    public final EmbeddedDanube broker;
    public final ManagedChannel channel;
    public final ProducerServiceGrpc.ProducerServiceBlockingStub producers;
    public final ConsumerServiceGrpc.ConsumerServiceBlockingStub consumers;
    public final ConsumerServiceGrpc.ConsumerServiceStub consumersAsync;
    public final DiscoveryGrpc.DiscoveryBlockingStub discovery;
    public final HealthCheckGrpc.HealthCheckBlockingStub health;
    private final List<Receiver> receivers = new ArrayList<>();

    private BrokerFixture(EmbeddedDanube broker) {
        this.broker = broker;
        this.channel = NettyChannelBuilder.forAddress("127.0.0.1", broker.port()).usePlaintext().build();
        this.producers = ProducerServiceGrpc.newBlockingStub(channel);
        this.consumers = ConsumerServiceGrpc.newBlockingStub(channel);
        this.consumersAsync = ConsumerServiceGrpc.newStub(channel);
        this.discovery = DiscoveryGrpc.newBlockingStub(channel);
        this.health = HealthCheckGrpc.newBlockingStub(channel);
    }

    public static BrokerFixture start() {
        return start(fastConfig().build());
    }

    public static BrokerFixture start(BrokerConfig config) {
        return new BrokerFixture(EmbeddedDanube.builder().config(config).start());
    }

    public static BrokerFixture start(BrokerConfig config, Path dataDirectory) {
        return new BrokerFixture(EmbeddedDanube.builder().config(config).dataDirectory(dataDirectory).start());
    }

    public long createProducer(String topic, String name, boolean reliable) {
        return producers.createProducer(ProducerRequest.newBuilder()
                .setRequestId(7)
                .setTopicName(topic)
                .setProducerName(name)
                .setDispatchStrategy(reliable ? DispatchStrategy.Reliable : DispatchStrategy.NonReliable)
                .build()).getProducerId();
    }

    public static StreamMessage message(long producerId, String topic, String producerName, long requestId,
                                        String payload) {
        return StreamMessage.newBuilder()
                .setRequestId(requestId)
                .setMsgId(MsgID.newBuilder().setProducerId(producerId).setTopicName(topic)
                        .setBrokerAddr("http://127.0.0.1:6650"))
                .setPayload(ByteString.copyFrom(payload, StandardCharsets.UTF_8))
                .setPublishTime(System.currentTimeMillis())
                .setProducerName(producerName)
                .build();
    }

    public void send(StreamMessage message) {
        producers.sendMessage(message);
    }

    /** Sends {@code count} messages with payloads {@code prefix0..prefix(count-1)}. */
    public void sendAll(long producerId, String topic, String producerName, String prefix, int count) {
        for (int i = 0; i < count; i++) {
            send(message(producerId, topic, producerName, i + 1, prefix + i));
        }
    }

    /** Sends every message with up to 32 calls in flight; arrival order (and so offsets) may differ from list order. */
    public void sendPipelined(List<StreamMessage> messages) {
        ProducerServiceGrpc.ProducerServiceStub stub = ProducerServiceGrpc.newStub(channel);
        Semaphore permits = new Semaphore(32);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try {
            for (StreamMessage message : messages) {
                permits.acquire();
                stub.sendMessage(message, new StreamObserver<>() {
                    @Override
                    public void onNext(MessageResponse value) {
                    }

                    @Override
                    public void onError(Throwable t) {
                        failure.compareAndSet(null, t);
                        permits.release();
                    }

                    @Override
                    public void onCompleted() {
                        permits.release();
                    }
                });
            }
            permits.acquire(32);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (failure.get() != null) {
            throw new AssertionError("a pipelined send failed", failure.get());
        }
    }

    /** Acknowledges without waiting for the answer. */
    public void ackAsync(StreamMessage delivered, String subscription) {
        ConsumerServiceGrpc.newFutureStub(channel).ack(AckRequest.newBuilder().setRequestId(delivered.getRequestId())
                .setMsgId(delivered.getMsgId()).setSubscriptionName(subscription).build());
    }

    public long subscribe(String topic, String subscription, String consumerName, SubscriptionType type,
                          String... keyFilters) {
        return consumers.subscribe(ConsumerRequest.newBuilder()
                .setRequestId(3)
                .setTopicName(topic)
                .setSubscription(subscription)
                .setConsumerName(consumerName)
                .setSubscriptionType(type)
                .addAllKeyFilters(List.of(keyFilters))
                .build()).getConsumerId();
    }

    public Receiver receive(long consumerId) {
        Receiver receiver = Receiver.open(consumersAsync, consumerId);
        synchronized (receivers) {
            receivers.add(receiver);
        }
        return receiver;
    }

    public void ack(StreamMessage delivered, String subscription) {
        consumers.ack(AckRequest.newBuilder().setRequestId(delivered.getRequestId())
                .setMsgId(delivered.getMsgId()).setSubscriptionName(subscription).build());
    }

    public void nack(StreamMessage delivered, String subscription, Long delayMs) {
        NackRequest.Builder request = NackRequest.newBuilder().setRequestId(delivered.getRequestId())
                .setMsgId(delivered.getMsgId()).setSubscriptionName(subscription);
        if (delayMs != null) {
            request.setDelayMs(delayMs);
        }
        consumers.nack(request.build());
    }

    public HealthCheckResponse.ClientStatus health(HealthCheckRequest.ClientType type, long id) {
        return health.healthCheck(HealthCheckRequest.newBuilder().setRequestId(1).setClient(type).setId(id).build())
                .getStatus();
    }

    public List<String> partitions(String topic) {
        return discovery.topicPartitions(TopicLookupRequest.newBuilder().setRequestId(2).setTopic(topic).build())
                .getPartitionsList();
    }

    public static String text(StreamMessage message) {
        return message.getPayload().toStringUtf8();
    }

    @Override
    public void close() {
        synchronized (receivers) {
            for (Receiver r : receivers) {
                r.cancel();
            }
        }
        channel.shutdownNow();
        try {
            channel.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        broker.close();
    }
}
