package io.danube.embedded.schema;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Captures the gRPC status a call fails with. */
final class GrpcAssertions {

    private GrpcAssertions() {
    }

    static Status statusOf(ThrowingCallable call) {
        Status[] status = new Status[1];
        assertThatThrownBy(call).isInstanceOfSatisfying(StatusRuntimeException.class, e -> status[0] = e.getStatus());
        return status[0];
    }
}
