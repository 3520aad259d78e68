package io.danube.client.connection;

import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import io.danube.client.error.DanubeClientException;

import java.io.IOException;

/**
 * Default {@link ChannelFactory}: grpc-netty-shaded, plaintext HTTP/2 for {@code http://} URLs and TLS for
 * {@code https://} URLs or whenever {@link TlsSettings} are configured.
 */
public final class NettyChannelFactory implements ChannelFactory {

    private final TlsSettings tls;
    private final int maxMessageBytes;

    /**
     * @param tls             TLS material, or {@code null} to pick TLS from the URL scheme only
     * @param maxMessageBytes maximum inbound message size
     */
    public NettyChannelFactory(TlsSettings tls, int maxMessageBytes) {
        this.tls = tls;
        this.maxMessageBytes = maxMessageBytes;
    }

    @Override
    public ManagedChannel open(String url) {
        boolean useTls = tls != null || BrokerAddress.isTls(url);
        ChannelCredentials credentials = useTls ? tlsCredentials() : InsecureChannelCredentials.create();
        return Grpc.newChannelBuilder(BrokerAddress.authority(url), credentials)
                .maxInboundMessageSize(maxMessageBytes)
                .build();
    }

    private ChannelCredentials tlsCredentials() {
        TlsChannelCredentials.Builder builder = TlsChannelCredentials.newBuilder();
        if (tls == null) {
            return builder.build();
        }
        try {
            if (tls.caFile() != null) {
                builder.trustManager(tls.caFile().toFile());
            }
            if (tls.certFile() != null) {
                builder.keyManager(tls.certFile().toFile(), tls.keyFile().toFile());
            }
        } catch (IOException e) {
            throw new DanubeClientException("cannot read TLS material " + tls, e);
        }
        return builder.build();
    }
}
