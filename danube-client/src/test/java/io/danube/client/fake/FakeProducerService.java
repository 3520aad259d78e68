package io.danube.client.fake;

import io.danube.proto.MessageResponse;
import io.danube.proto.ProducerRequest;
import io.danube.proto.ProducerResponse;
import io.danube.proto.ProducerServiceGrpc;
import io.danube.proto.StreamMessage;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;

import java.util.ArrayList;
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
 * Producer side of the fake broker. Producers are idempotent per (topic, name) like the real broker; {@link #forget}
 * simulates a topic unload after which the old producer ids are unknown (NOT_FOUND on send).
 */
public final class FakeProducerService extends ProducerServiceGrpc.ProducerServiceImplBase {

    public final List<ProducerRequest> createRequests = new CopyOnWriteArrayList<>();
    public final List<StreamMessage> received = new CopyOnWriteArrayList<>();
    public final AtomicInteger sendAttempts = new AtomicInteger();
    public final AtomicInteger maxConcurrentSends = new AtomicInteger();
    private final AtomicInteger concurrentSends = new AtomicInteger();
    private final AtomicLong ids = new AtomicLong(1000);
    private final Map<String, Long> registered = new ConcurrentHashMap<>();
    private final Set<Long> knownIds = ConcurrentHashMap.newKeySet();
    private final Deque<Status> createFailures = new ConcurrentLinkedDeque<>();
    private final Deque<Status> sendFailures = new ConcurrentLinkedDeque<>();
    private final List<Runnable> held = new ArrayList<>();
    private volatile boolean holding;
    private volatile boolean stalled;
    private volatile boolean recording = true;

    void stopRecording() {
        recording = false;
    }

    public void failNextCreates(Status status, int times) {
        for (int i = 0; i < times; i++) {
            createFailures.add(status);
        }
    }

    public void failNextSends(Status status, int times) {
        for (int i = 0; i < times; i++) {
            sendFailures.add(status);
        }
    }

    /** Sends are received but never answered. */
    public void stall() {
        stalled = true;
    }

    /** Sends are accepted but their answers are held until {@link #releaseHeld()}. */
    public void holdResponses() {
        holding = true;
    }

    public void releaseHeld() {
        List<Runnable> answers;
        synchronized (held) {
            holding = false;
            answers = new ArrayList<>(held);
            held.clear();
        }
        answers.forEach(Runnable::run);
    }

    public int heldCount() {
        synchronized (held) {
            return held.size();
        }
    }

    void releaseStalled() {
        stalled = false;
        releaseHeld();
    }

    /** The broker forgets every producer, as after a topic unload. */
    public void forget() {
        registered.clear();
        knownIds.clear();
    }

    public boolean isKnown(long producerId) {
        return knownIds.contains(producerId);
    }

    public List<String> receivedPayloads() {
        return received.stream().map(m -> m.getPayload().toStringUtf8()).toList();
    }

    @Override
    public void createProducer(ProducerRequest request, StreamObserver<ProducerResponse> response) {
        createRequests.add(request);
        Status failure = createFailures.poll();
        if (failure != null) {
            response.onError(failure.asException());
            return;
        }
        long id = registered.computeIfAbsent(request.getTopicName() + "|" + request.getProducerName(),
                key -> ids.incrementAndGet());
        knownIds.add(id);
        response.onNext(ProducerResponse.newBuilder().setRequestId(request.getRequestId()).setProducerId(id)
                .setProducerName(request.getProducerName()).build());
        response.onCompleted();
    }

    @Override
    public void sendMessage(StreamMessage message, StreamObserver<MessageResponse> response) {
        sendAttempts.incrementAndGet();
        if (stalled) {
            return;
        }
        Status failure = sendFailures.poll();
        if (failure != null) {
            response.onError(failure.asException());
            return;
        }
        if (!message.hasMsgId() || !knownIds.contains(message.getMsgId().getProducerId())) {
            response.onError(Status.NOT_FOUND.withDescription("producer not found").asException());
            return;
        }
        int now = concurrentSends.incrementAndGet();
        maxConcurrentSends.accumulateAndGet(now, Math::max);
        Runnable answer = () -> {
            if (recording) {
                received.add(message);
            }
            concurrentSends.decrementAndGet();
            response.onNext(MessageResponse.newBuilder().setRequestId(message.getRequestId()).build());
            response.onCompleted();
        };
        synchronized (held) {
            if (holding) {
                held.add(answer);
                return;
            }
        }
        answer.run();
    }
}
