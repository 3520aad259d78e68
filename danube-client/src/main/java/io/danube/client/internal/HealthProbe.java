package io.danube.client.internal;

import io.danube.client.connection.BrokerConnection;
import io.danube.proto.HealthCheckRequest;
import io.danube.proto.HealthCheckResponse;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Consumer;

/**
 * One HealthCheck call for a producer or consumer. Reports the client as lost when the broker answers CLOSE (it no
 * longer knows the id) or cannot be reached (UNAVAILABLE, DEADLINE_EXCEEDED); other failures are only logged.
 */
public final class HealthProbe {

    private static final Logger LOG = LoggerFactory.getLogger(HealthProbe.class);

    private HealthProbe() {
    }

    /**
     * @param description names the checked client in logs, e.g. {@code producer p on /ns/t}
     * @param onLost      receives the reason when the client has to register again
     */
    public static void probe(BrokerConnection connection, long requestId, HealthCheckRequest.ClientType type,
                             long id, String description, Consumer<String> onLost) {
        HealthCheckRequest request = HealthCheckRequest.newBuilder()
                .setRequestId(requestId)
                .setClient(type)
                .setId(id)
                .build();
        connection.health().healthCheck(request, new StreamObserver<>() {
            @Override
            public void onNext(HealthCheckResponse response) {
                if (response.getStatus() == HealthCheckResponse.ClientStatus.CLOSE) {
                    onLost.accept("broker closed " + description);
                }
            }

            @Override
            public void onError(Throwable error) {
                Status status = Status.fromThrowable(error);
                if (status.getCode() == Status.Code.UNAVAILABLE || status.getCode() == Status.Code.DEADLINE_EXCEEDED) {
                    onLost.accept("health check of " + description + " failed with " + status.getCode());
                } else {
                    LOG.debug("health check of {} failed: {}", description, status);
                }
            }

            @Override
            public void onCompleted() {
                // The status already arrived in onNext.
            }
        });
    }
}
