package io.danube.client.connection;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;

import java.util.function.Supplier;

/**
 * Adds {@code authorization: Bearer <token>} (token fetched per call, so rotating suppliers work) and, for
 * topics reached through a proxy, {@code x-danube-broker-url}.
 */
final class RequestHeadersInterceptor implements ClientInterceptor {

    private final Supplier<String> tokenSupplier;
    private final String proxiedBrokerUrl;

    RequestHeadersInterceptor(Supplier<String> tokenSupplier, String proxiedBrokerUrl) {
        this.tokenSupplier = tokenSupplier;
        this.proxiedBrokerUrl = proxiedBrokerUrl;
    }

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
            @Override
            public void start(Listener<R> listener, Metadata headers) {
                if (tokenSupplier != null) {
                    String token = tokenSupplier.get();
                    if (token != null && !token.isEmpty()) {
                        headers.put(DanubeHeaders.AUTHORIZATION, "Bearer " + token);
                    }
                }
                if (proxiedBrokerUrl != null) {
                    headers.put(DanubeHeaders.BROKER_URL, proxiedBrokerUrl);
                }
                super.start(listener, headers);
            }
        };
    }
}
