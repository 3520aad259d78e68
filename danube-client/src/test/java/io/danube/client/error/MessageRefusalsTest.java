package io.danube.client.error;

import io.grpc.Status;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;

class MessageRefusalsTest {

    private static DanubeRpcException send(Status status) {
        return new DanubeRpcException("SendMessage", status, "/default/t", "p");
    }

    @Test
    void aMessageOverTheSizeLimitIsRefusedForItself() {
        assertThat(MessageRefusals.refusesTheMessage(new CompletionException(
                new PayloadTooLargeException("/default/t", "p", 5_000_000, 4_194_304)))).isTrue();
    }

    @Test
    void statusesThatDescribeTheRequestRefuseTheMessage() {
        assertThat(MessageRefusals.refusesTheMessage(send(Status.INVALID_ARGUMENT))).isTrue();
        assertThat(MessageRefusals.refusesTheMessage(send(Status.FAILED_PRECONDITION))).isTrue();
    }

    @Test
    void theBrokerBeingDownOrSlowIsNotAboutTheMessage() {
        assertThat(MessageRefusals.refusesTheMessage(send(Status.UNAVAILABLE))).isFalse();
        assertThat(MessageRefusals.refusesTheMessage(send(Status.DEADLINE_EXCEEDED))).isFalse();
        assertThat(MessageRefusals.refusesTheMessage(new IllegalStateException("unknown"))).isFalse();
    }

    @Test
    void aSchemaValidationRefusalIsAboutTheMessageButAMissingPermissionIsNot() {
        assertThat(MessageRefusals.refusesTheMessage(send(Status.PERMISSION_DENIED
                .withDescription("Unable to publish the message: payload does not match the schema")))).isTrue();
        assertThat(MessageRefusals.refusesTheMessage(send(Status.PERMISSION_DENIED
                .withDescription("producer not authorized")))).isFalse();
    }

    @Test
    void aSchemaTheRegistryDoesNotKnowIsRefusedButAnUnreachableRegistryIsNot() {
        assertThat(MessageRefusals.refusesTheMessage(new SchemaResolutionException("no subject 'orders'",
                send(Status.NOT_FOUND)))).isTrue();
        assertThat(MessageRefusals.refusesTheMessage(new SchemaResolutionException("registry unreachable",
                send(Status.UNAVAILABLE)))).isFalse();
    }
}
