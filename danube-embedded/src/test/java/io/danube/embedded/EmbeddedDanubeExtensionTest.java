package io.danube.embedded;

import io.danube.proto.DispatchStrategy;
import io.danube.proto.ProducerRequest;
import io.danube.proto.ProducerServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedDanubeExtensionTest {

    @RegisterExtension
    static EmbeddedDanubeExtension danube = new EmbeddedDanubeExtension();

    @Test
    void brokerIsReachableAtItsServiceUrl() {
        URI url = URI.create(danube.serviceUrl());
        assertThat(url.getScheme()).isEqualTo("http");
        assertThat(url.getHost()).isEqualTo("127.0.0.1");
        assertThat(url.getPort()).isEqualTo(danube.port()).isPositive();
        ManagedChannel channel = NettyChannelBuilder.forAddress(url.getHost(), url.getPort()).usePlaintext().build();
        try {
            long id = ProducerServiceGrpc.newBlockingStub(channel).createProducer(ProducerRequest.newBuilder()
                    .setTopicName("/default/from-extension").setProducerName("p")
                    .setDispatchStrategy(DispatchStrategy.Reliable).build()).getProducerId();
            assertThat(id).isNotZero();
        } finally {
            channel.shutdownNow();
        }
    }

    @Test
    void sameBrokerServesEveryTestOfTheClass() {
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", danube.port()).usePlaintext().build();
        try {
            long id = ProducerServiceGrpc.newBlockingStub(channel).createProducer(ProducerRequest.newBuilder()
                    .setTopicName("/default/shared-by-tests").setProducerName("p").build()).getProducerId();
            assertThat(id).isNotZero();
        } finally {
            channel.shutdownNow();
        }
    }
}
