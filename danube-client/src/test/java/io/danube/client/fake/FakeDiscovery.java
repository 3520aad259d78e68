package io.danube.client.fake;

import io.danube.proto.DiscoveryGrpc;
import io.danube.proto.TopicLookupRequest;
import io.danube.proto.TopicLookupResponse;
import io.danube.proto.TopicPartitionsResponse;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Lookup answers Connect to the service URL unless told otherwise; partitions default to {@code [topic]}. */
public final class FakeDiscovery extends DiscoveryGrpc.DiscoveryImplBase {

    private final Map<String, TopicLookupResponse> answers = new ConcurrentHashMap<>();
    private final Map<String, List<String>> partitions = new ConcurrentHashMap<>();
    private volatile boolean notFound;

    public void answer(String topic, TopicLookupResponse.LookupType type, String connectUrl, String brokerUrl,
                       boolean proxy) {
        answers.put(topic, TopicLookupResponse.newBuilder().setResponseType(type).setConnectUrl(connectUrl)
                .setBrokerUrl(brokerUrl).setProxy(proxy).build());
    }

    /** Every lookup answers NOT_FOUND (as for a topic that does not exist yet). */
    public void answerNotFound() {
        notFound = true;
    }

    public void partitions(String topic, List<String> names) {
        partitions.put(topic, List.copyOf(names));
    }

    @Override
    public void topicLookup(TopicLookupRequest request, StreamObserver<TopicLookupResponse> response) {
        if (notFound) {
            response.onError(Status.NOT_FOUND.withDescription("unknown topic " + request.getTopic()).asException());
            return;
        }
        TopicLookupResponse answer = answers.getOrDefault(request.getTopic(), TopicLookupResponse.newBuilder()
                .setResponseType(TopicLookupResponse.LookupType.Connect)
                .setConnectUrl(FakeBroker.SERVICE_URL + "/")
                .setBrokerUrl(FakeBroker.SERVICE_URL + "/")
                .build());
        response.onNext(answer.toBuilder().setRequestId(request.getRequestId()).build());
        response.onCompleted();
    }

    @Override
    public void topicPartitions(TopicLookupRequest request, StreamObserver<TopicPartitionsResponse> response) {
        List<String> names = partitions.getOrDefault(request.getTopic(), List.of(request.getTopic()));
        response.onNext(TopicPartitionsResponse.newBuilder().setRequestId(request.getRequestId())
                .addAllPartitions(names).build());
        response.onCompleted();
    }
}
