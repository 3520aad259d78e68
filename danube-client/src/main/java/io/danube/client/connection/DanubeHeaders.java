package io.danube.client.connection;

import io.grpc.Metadata;

/** Request metadata keys understood by Danube brokers and proxies. */
public final class DanubeHeaders {

    public static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    public static final Metadata.Key<String> BROKER_URL =
            Metadata.Key.of("x-danube-broker-url", Metadata.ASCII_STRING_MARSHALLER);

    private DanubeHeaders() {
    }
}
