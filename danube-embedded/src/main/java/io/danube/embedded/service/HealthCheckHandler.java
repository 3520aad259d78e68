package io.danube.embedded.service;

import io.danube.embedded.topic.TopicRegistry;
import io.danube.proto.HealthCheckGrpc;
import io.danube.proto.HealthCheckRequest;
import io.danube.proto.HealthCheckResponse;
import io.danube.proto.HealthCheckResponse.ClientStatus;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;

/** {@code danube.HealthCheck}: OK for a registered producer or an active consumer, CLOSE otherwise. */
public final class HealthCheckHandler extends HealthCheckGrpc.HealthCheckImplBase {

    private final TopicRegistry registry;

    public HealthCheckHandler(TopicRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void healthCheck(HealthCheckRequest request, StreamObserver<HealthCheckResponse> observer) {
        Calls.unary("HealthCheck", observer, () -> {
            boolean alive = switch (request.getClientValue()) {
                case HealthCheckRequest.ClientType.Producer_VALUE -> registry.isProducerAlive(request.getId());
                case HealthCheckRequest.ClientType.Consumer_VALUE -> registry.isConsumerAlive(request.getId());
                default -> throw Status.INVALID_ARGUMENT.withDescription("Unknown health check client type "
                        + request.getClientValue()).asRuntimeException();
            };
            return HealthCheckResponse.newBuilder().setStatus(alive ? ClientStatus.OK : ClientStatus.CLOSE).build();
        });
    }
}
