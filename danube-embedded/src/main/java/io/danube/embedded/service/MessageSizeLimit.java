package io.danube.embedded.service;

import com.google.protobuf.MessageLite;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's message size limit, applied to every request before its handler runs. The real broker leaves this to
 * tonic, which answers a request over 4 MiB with OUT_OF_RANGE ("Error, decoded message length too large: …");
 * grpc-java's own framing limit would answer RESOURCE_EXHAUSTED, which Danube clients retry forever. So the transport
 * limit is set to {@link #transportLimit(int) twice the broker's limit} and requests between the two are refused here,
 * with tonic's code and text and one WARN line.
 */
public final class MessageSizeLimit implements ServerInterceptor {

    private static final Logger LOG = LoggerFactory.getLogger(MessageSizeLimit.class);

    private final int maxBytes;

    public MessageSizeLimit(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** The grpc-java inbound limit that lets requests up to twice {@code maxBytes} reach this check. */
    public static int transportLimit(int maxBytes) {
        return (int) Math.min(Integer.MAX_VALUE, 2L * maxBytes);
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                      ServerCallHandler<Q, R> next) {
        return new SimpleForwardingServerCallListener<>(next.startCall(call, headers)) {
            private boolean refused;

            @Override
            public void onMessage(Q message) {
                int size = message instanceof MessageLite lite ? lite.getSerializedSize() : 0;
                if (size > maxBytes) {
                    refused = true;
                    LOG.warn("Refused a {}-byte {} request: the limit is {} bytes", size,
                            call.getMethodDescriptor().getFullMethodName(), maxBytes);
                    call.close(tooLarge(size), new Metadata());
                    return;
                }
                super.onMessage(message);
            }

            @Override
            public void onHalfClose() {
                if (!refused) {
                    super.onHalfClose();
                }
            }
        };
    }

    private Status tooLarge(int size) {
        return Status.OUT_OF_RANGE.withDescription("Error, decoded message length too large: found " + size
                + " bytes, the limit is: " + maxBytes + " bytes");
    }
}
