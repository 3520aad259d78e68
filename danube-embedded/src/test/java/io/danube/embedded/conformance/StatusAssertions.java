package io.danube.embedded.conformance;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class StatusAssertions {

    private StatusAssertions() {
    }

    static void assertStatus(Status.Code expected, ThrowingCallable call) {
        assertThatThrownBy(call)
                .isInstanceOf(StatusRuntimeException.class)
                .extracting(e -> ((StatusRuntimeException) e).getStatus().getCode())
                .isEqualTo(expected);
    }
}
