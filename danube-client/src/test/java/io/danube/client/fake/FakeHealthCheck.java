package io.danube.client.fake;

import io.danube.proto.HealthCheckGrpc;
import io.danube.proto.HealthCheckRequest;
import io.danube.proto.HealthCheckResponse;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;

/** OK for producers and consumers the fake knows, CLOSE otherwise — like the real broker. */
public final class FakeHealthCheck extends HealthCheckGrpc.HealthCheckImplBase {

    private final FakeProducerService producers;
    private final FakeConsumerService consumers;
    private volatile Status failure;

    FakeHealthCheck(FakeProducerService producers, FakeConsumerService consumers) {
        this.producers = producers;
        this.consumers = consumers;
    }

    /** Health checks fail with {@code status} until called again with {@code null}. */
    public void failWith(Status status) {
        failure = status;
    }

    @Override
    public void healthCheck(HealthCheckRequest request, StreamObserver<HealthCheckResponse> response) {
        Status failing = failure;
        if (failing != null) {
            response.onError(failing.asException());
            return;
        }
        boolean alive = request.getClient() == HealthCheckRequest.ClientType.Producer
                ? producers.isKnown(request.getId())
                : consumers.isActive(request.getId());
        response.onNext(HealthCheckResponse.newBuilder()
                .setStatus(alive ? HealthCheckResponse.ClientStatus.OK : HealthCheckResponse.ClientStatus.CLOSE)
                .build());
        response.onCompleted();
    }
}
