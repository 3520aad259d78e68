package io.danube.embedded.service;

import io.danube.embedded.topic.TopicRegistry;
import io.danube.proto.DiscoveryGrpc;
import io.danube.proto.TopicLookupRequest;
import io.danube.proto.TopicLookupResponse;
import io.danube.proto.TopicPartitionsResponse;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;

import java.util.function.Supplier;

/** {@code danube.Discovery}: every local topic is served here (Connect with this broker's URL). */
public final class DiscoveryHandler extends DiscoveryGrpc.DiscoveryImplBase {

    private final TopicRegistry registry;
    private final Supplier<String> brokerUrl;

    public DiscoveryHandler(TopicRegistry registry, Supplier<String> brokerUrl) {
        this.registry = registry;
        this.brokerUrl = brokerUrl;
    }

    @Override
    public void topicLookup(TopicLookupRequest request, StreamObserver<TopicLookupResponse> observer) {
        Calls.unary("TopicLookup", observer, () -> {
            if (registry.find(request.getTopic()) == null) {
                throw Status.NOT_FOUND.withDescription("Topic " + request.getTopic() + " not found").asRuntimeException();
            }
            return TopicLookupResponse.newBuilder()
                    .setRequestId(request.getRequestId())
                    .setResponseType(TopicLookupResponse.LookupType.Connect)
                    .setBrokerUrl(brokerUrl.get())
                    .setConnectUrl(brokerUrl.get())
                    .setProxy(false)
                    .build();
        });
    }

    @Override
    public void topicPartitions(TopicLookupRequest request, StreamObserver<TopicPartitionsResponse> observer) {
        Calls.unary("TopicPartitions", observer, () -> TopicPartitionsResponse.newBuilder()
                .setRequestId(request.getRequestId())
                .addAllPartitions(registry.partitions(request.getTopic()))
                .build());
    }
}
