package io.danube.client.fake;

import com.google.protobuf.ByteString;
import io.danube.proto.AckRequest;
import io.danube.proto.AckResponse;
import io.danube.proto.ConsumerRequest;
import io.danube.proto.ConsumerResponse;
import io.danube.proto.ConsumerServiceGrpc;
import io.danube.proto.MsgID;
import io.danube.proto.NackRequest;
import io.danube.proto.NackResponse;
import io.danube.proto.ReceiveRequest;
import io.danube.proto.StreamMessage;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Consumer side of the fake broker: one consumer id per (topic, name, subscription), one open stream per consumer,
 * messages pushed by the test.
 */
public final class FakeConsumerService extends ConsumerServiceGrpc.ConsumerServiceImplBase {

    public final List<ConsumerRequest> subscribeRequests = new CopyOnWriteArrayList<>();
    public final List<AckRequest> acks = new CopyOnWriteArrayList<>();
    public final List<NackRequest> nacks = new CopyOnWriteArrayList<>();
    public final AtomicInteger streamsOpened = new AtomicInteger();
    private final AtomicLong ids = new AtomicLong(5000);
    private final Map<String, Long> registered = new ConcurrentHashMap<>();
    private final Map<Long, String> topicOf = new ConcurrentHashMap<>();
    private final Set<Long> active = ConcurrentHashMap.newKeySet();
    private final Map<String, ServerCallStreamObserver<StreamMessage>> streams = new ConcurrentHashMap<>();
    private final Map<String, Runnable> pumps = new ConcurrentHashMap<>();
    private final Deque<Status> ackFailures = new ConcurrentLinkedDeque<>();
    private final Deque<Status> subscribeFailures = new ConcurrentLinkedDeque<>();

    public void failNextAcks(Status status, int times) {
        for (int i = 0; i < times; i++) {
            ackFailures.add(status);
        }
    }

    public void failNextSubscribes(Status status, int times) {
        for (int i = 0; i < times; i++) {
            subscribeFailures.add(status);
        }
    }

    public static StreamMessage message(String topic, long offset, String payload) {
        return StreamMessage.newBuilder()
                .setRequestId(offset + 1)
                .setMsgId(MsgID.newBuilder().setProducerId(77).setTopicName(topic)
                        .setBrokerAddr(FakeBroker.SERVICE_URL).setTopicOffset(offset))
                .setPayload(ByteString.copyFromUtf8(payload))
                .setPublishTime(1_700_000_000_000L + offset)
                .setProducerName("writer")
                .build();
    }

    public boolean hasStream(String topic) {
        ServerCallStreamObserver<StreamMessage> stream = streams.get(topic);
        return stream != null && !stream.isCancelled();
    }

    boolean isActive(long consumerId) {
        return active.contains(consumerId);
    }

    /** Sends {@code message} on the open stream of the consumer subscribed to {@code topic}. */
    public void push(String topic, StreamMessage message) {
        ServerCallStreamObserver<StreamMessage> stream = streams.get(topic);
        if (stream == null) {
            throw new IllegalStateException("no open stream for " + topic);
        }
        synchronized (stream) {
            stream.onNext(message);
        }
    }

    /**
     * Pushes up to {@code total} messages, each only when the stream reports the client ready (flow control).
     *
     * @return counter of messages pushed so far
     */
    public AtomicInteger pushWhenReady(String topic, int total) {
        ServerCallStreamObserver<StreamMessage> stream = streams.get(topic);
        AtomicInteger pushed = new AtomicInteger();
        Runnable pump = () -> {
            synchronized (stream) {
                while (stream.isReady() && pushed.get() < total && !stream.isCancelled()) {
                    stream.onNext(message(topic, pushed.getAndIncrement(), "m"));
                }
            }
        };
        pumps.put(topic, pump);
        pump.run();
        return pushed;
    }

    /** Ends the topic's stream with UNAVAILABLE and marks its consumer inactive, like a broken connection. */
    public void dropStream(String topic) {
        ServerCallStreamObserver<StreamMessage> stream = streams.remove(topic);
        topicOf.forEach((id, t) -> {
            if (t.equals(topic)) {
                active.remove(id);
            }
        });
        if (stream != null) {
            synchronized (stream) {
                stream.onError(Status.UNAVAILABLE.withDescription("connection lost").asException());
            }
        }
    }

    /** Forgets the topic's consumers without ending the stream; health checks then answer CLOSE. */
    public void evict(String topic) {
        topicOf.forEach((id, t) -> {
            if (t.equals(topic)) {
                active.remove(id);
            }
        });
    }

    @Override
    public void subscribe(ConsumerRequest request, StreamObserver<ConsumerResponse> response) {
        subscribeRequests.add(request);
        Status failure = subscribeFailures.poll();
        if (failure != null) {
            response.onError(failure.asException());
            return;
        }
        long id = registered.computeIfAbsent(
                request.getTopicName() + "|" + request.getConsumerName() + "|" + request.getSubscription(),
                key -> ids.incrementAndGet());
        topicOf.put(id, request.getTopicName());
        active.add(id);
        response.onNext(ConsumerResponse.newBuilder().setRequestId(request.getRequestId()).setConsumerId(id)
                .setConsumerName(request.getConsumerName()).build());
        response.onCompleted();
    }

    @Override
    public void receiveMessages(ReceiveRequest request, StreamObserver<StreamMessage> response) {
        String topic = topicOf.get(request.getConsumerId());
        if (topic == null) {
            response.onError(Status.NOT_FOUND.withDescription("unknown consumer").asException());
            return;
        }
        streamsOpened.incrementAndGet();
        ServerCallStreamObserver<StreamMessage> stream = (ServerCallStreamObserver<StreamMessage>) response;
        stream.setOnCancelHandler(() -> streams.remove(topic, stream));
        stream.setOnReadyHandler(() -> {
            Runnable pump = pumps.get(topic);
            if (pump != null) {
                pump.run();
            }
        });
        ServerCallStreamObserver<StreamMessage> previous = streams.put(topic, stream);
        if (previous != null && previous != stream && !previous.isCancelled()) {
            synchronized (previous) {
                previous.onCompleted();
            }
        }
    }

    @Override
    public void ack(AckRequest request, StreamObserver<AckResponse> response) {
        Status failure = ackFailures.poll();
        if (failure != null) {
            response.onError(failure.asException());
            return;
        }
        acks.add(request);
        response.onNext(AckResponse.newBuilder().setRequestId(request.getRequestId()).build());
        response.onCompleted();
    }

    @Override
    public void nack(NackRequest request, StreamObserver<NackResponse> response) {
        nacks.add(request);
        response.onNext(NackResponse.newBuilder().setRequestId(request.getRequestId()).build());
        response.onCompleted();
    }
}
