package io.danube.embedded.service;

import io.danube.embedded.topic.Producer;
import io.danube.embedded.topic.TopicRegistry;
import io.danube.proto.MessageResponse;
import io.danube.proto.ProducerRequest;
import io.danube.proto.ProducerResponse;
import io.danube.proto.ProducerServiceGrpc;
import io.danube.proto.StreamMessage;
import io.grpc.stub.StreamObserver;

/** {@code danube.ProducerService}: CreateProducer and SendMessage. */
public final class ProducerHandler extends ProducerServiceGrpc.ProducerServiceImplBase {

    private final TopicRegistry registry;

    public ProducerHandler(TopicRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void createProducer(ProducerRequest request, StreamObserver<ProducerResponse> observer) {
        Calls.unary("CreateProducer", observer, () -> {
            Producer producer = registry.createProducer(request);
            return ProducerResponse.newBuilder()
                    .setRequestId(request.getRequestId())
                    .setProducerId(producer.id())
                    .setProducerName(producer.name())
                    .build();
        });
    }

    @Override
    public void sendMessage(StreamMessage request, StreamObserver<MessageResponse> observer) {
        Calls.unary("SendMessage", observer, () -> {
            registry.send(request);
            return MessageResponse.newBuilder().setRequestId(request.getRequestId()).build();
        });
    }
}
