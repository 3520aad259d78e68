package io.danube.client.producer;

import io.danube.proto.MessageResponse;
import io.danube.proto.StreamMessage;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;

import java.util.concurrent.CompletableFuture;

/** One message on its way to the broker: the wire message, its result future and its retry bookkeeping. */
final class PendingSend implements ClientResponseObserver<StreamMessage, MessageResponse> {

    final CompletableFuture<SendReceipt> result = new CompletableFuture<>();
    final long requestId;
    private final PartitionProducer owner;
    StreamMessage message;
    long builtForGeneration;
    int transientFailures;
    int recreations;
    private volatile ClientCallStreamObserver<StreamMessage> call;

    PendingSend(PartitionProducer owner, StreamMessage message, long generation) {
        this.owner = owner;
        this.message = message;
        this.requestId = message.getRequestId();
        this.builtForGeneration = generation;
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<StreamMessage> requestStream) {
        call = requestStream;
    }

    /** Cancels the call currently carrying this message, if any. */
    void cancelCall(String reason) {
        ClientCallStreamObserver<StreamMessage> current = call;
        if (current != null) {
            current.cancel(reason, null);
        }
    }

    @Override
    public void onNext(MessageResponse response) {
        // The reply carries only the echoed request id; completion is signalled by onCompleted.
    }

    @Override
    public void onError(Throwable error) {
        owner.onSendFailed(this, Status.fromThrowable(error));
    }

    @Override
    public void onCompleted() {
        owner.onSendSucceeded(this);
    }
}
