package io.danube.embedded.service;

import io.danube.embedded.dispatch.Consumer;
import io.danube.embedded.topic.TopicRegistry;
import io.danube.proto.AckRequest;
import io.danube.proto.AckResponse;
import io.danube.proto.ConsumerRequest;
import io.danube.proto.ConsumerResponse;
import io.danube.proto.ConsumerServiceGrpc;
import io.danube.proto.NackRequest;
import io.danube.proto.NackResponse;
import io.danube.proto.ReceiveRequest;
import io.danube.proto.StreamMessage;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

/** {@code danube.ConsumerService}: Subscribe, ReceiveMessages, Ack and Nack. */
public final class ConsumerHandler extends ConsumerServiceGrpc.ConsumerServiceImplBase {

    private final TopicRegistry registry;

    public ConsumerHandler(TopicRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void subscribe(ConsumerRequest request, StreamObserver<ConsumerResponse> observer) {
        Calls.unary("Subscribe", observer, () -> {
            Consumer consumer = registry.subscribe(request);
            return ConsumerResponse.newBuilder()
                    .setRequestId(request.getRequestId())
                    .setConsumerId(consumer.id())
                    .setConsumerName(consumer.name())
                    .build();
        });
    }

    @Override
    public void receiveMessages(ReceiveRequest request, StreamObserver<StreamMessage> observer) {
        Consumer consumer = registry.consumer(request.getConsumerId());
        if (consumer == null) {
            observer.onError(Status.NOT_FOUND.withDescription("Consumer with id "
                    + Long.toUnsignedString(request.getConsumerId()) + " not found").asRuntimeException());
            return;
        }
        ServerCallStreamObserver<StreamMessage> stream = (ServerCallStreamObserver<StreamMessage>) observer;
        stream.setOnCancelHandler(() -> consumer.subscription().onStreamLost(consumer, stream));
        consumer.subscription().openStream(consumer, stream);
    }

    @Override
    public void ack(AckRequest request, StreamObserver<AckResponse> observer) {
        Calls.unary("Ack", observer, () -> {
            registry.subscriptionForAck(request.getMsgId(), request.getSubscriptionName())
                    .ack(request.getMsgId().getTopicOffset());
            return AckResponse.newBuilder().setRequestId(request.getRequestId()).build();
        });
    }

    @Override
    public void nack(NackRequest request, StreamObserver<NackResponse> observer) {
        Calls.unary("Nack", observer, () -> {
            registry.subscriptionForAck(request.getMsgId(), request.getSubscriptionName())
                    .nack(request.getMsgId().getTopicOffset(), request.hasDelayMs() ? request.getDelayMs() : 0,
                            request.hasReason() ? request.getReason() : "");
            return NackResponse.newBuilder().setRequestId(request.getRequestId()).build();
        });
    }
}
