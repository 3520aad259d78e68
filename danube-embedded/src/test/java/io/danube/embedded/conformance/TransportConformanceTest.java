package io.danube.embedded.conformance;

import com.google.protobuf.ByteString;
import io.danube.embedded.support.BrokerFixture;
import io.danube.proto.ConsumerRequest.SubscriptionType;
import io.danube.proto.DiscoveryGrpc;
import io.danube.proto.HealthCheckGrpc;
import io.danube.proto.HealthCheckRequest;
import io.danube.proto.ListSegmentDescriptorsRequest;
import io.danube.proto.MessageResponse;
import io.danube.proto.StorageServiceGrpc;
import io.danube.proto.StreamMessage;
import io.danube.proto.TopicLookupRequest;
import io.danube.proto.schema.ListSubjectsRequest;
import io.danube.proto.schema.SchemaRegistryGrpc;
import io.grpc.CallOptions;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.grpc.protobuf.ProtoUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.danube.embedded.conformance.StatusAssertions.assertStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TransportConformanceTest {

    private final BrokerFixture danube = BrokerFixture.start();

    @AfterEach
    void stop() {
        danube.close();
    }

    @Test
    @DisplayName("1: all client services answer on one port; AuthService is UNIMPLEMENTED")
    void servicesAnswerOnOnePortAndAuthServiceIsUnimplemented() {
        danube.createProducer("/default/services", "p", false);
        assertThat(danube.partitions("/default/services")).containsExactly("/default/services");
        long consumer = danube.subscribe("/default/services", "s", "c", SubscriptionType.Shared);
        assertThat(danube.health(HealthCheckRequest.ClientType.Consumer, consumer)).isNotNull();
        assertThat(StorageServiceGrpc.newBlockingStub(danube.channel)
                .listSegmentDescriptors(ListSegmentDescriptorsRequest.newBuilder().setTopic("/default/services").build())
                .getSegmentsList()).isEmpty();
        assertThat(SchemaRegistryGrpc.newBlockingStub(danube.channel)
                .listSubjects(ListSubjectsRequest.getDefaultInstance()).getSubjectsList()).isEmpty();

        MethodDescriptor<StreamMessage, StreamMessage> authenticate = MethodDescriptor.<StreamMessage, StreamMessage>newBuilder()
                .setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName("danube.AuthService/Authenticate")
                .setRequestMarshaller(ProtoUtils.marshaller(StreamMessage.getDefaultInstance()))
                .setResponseMarshaller(ProtoUtils.marshaller(StreamMessage.getDefaultInstance()))
                .build();
        assertThatThrownBy(() -> ClientCalls.blockingUnaryCall(danube.channel, authenticate, CallOptions.DEFAULT,
                StreamMessage.getDefaultInstance()))
                .isInstanceOf(StatusRuntimeException.class)
                .extracting(e -> ((StatusRuntimeException) e).getStatus().getCode())
                .isEqualTo(Status.Code.UNIMPLEMENTED);
    }

    @Test
    @DisplayName("2: authorization and x-danube-broker-url headers are accepted with auth off")
    void authAndProxyHeadersAreIgnored() {
        danube.createProducer("/default/headers", "p", false);
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer not-a-jwt");
        headers.put(Metadata.Key.of("x-danube-broker-url", Metadata.ASCII_STRING_MARSHALLER), "http://elsewhere:6650/");
        var lookup = DiscoveryGrpc.newBlockingStub(danube.channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .topicLookup(TopicLookupRequest.newBuilder().setRequestId(5).setTopic("/default/headers").build());
        assertThat(lookup.getRequestId()).isEqualTo(5);
        var status = HealthCheckGrpc.newBlockingStub(danube.channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .healthCheck(HealthCheckRequest.newBuilder().setClient(HealthCheckRequest.ClientType.Producer).setId(1).build());
        assertThat(status).isNotNull();
    }

    @Test
    @DisplayName("11: SendMessage echoes request_id and nothing else")
    void sendMessageEchoesRequestIdOnly() {
        long producer = danube.createProducer("/default/echo", "p", false);
        MessageResponse response = danube.producers.sendMessage(
                BrokerFixture.message(producer, "/default/echo", "p", 987_654_321L, "x"));
        assertThat(response).isEqualTo(MessageResponse.newBuilder().setRequestId(987_654_321L).build());
    }

    @Test
    @DisplayName("39: payloads above 4 MiB are rejected with OUT_OF_RANGE; a message just below passes")
    void oversizedPayloadIsRejected() {
        long producer = danube.createProducer("/default/big", "p", false);
        long consumer = danube.subscribe("/default/big", "s", "c", SubscriptionType.Exclusive);
        var receiver = danube.receive(consumer);
        StreamMessage big = BrokerFixture.message(producer, "/default/big", "p", 1, "")
                .toBuilder().setPayload(ByteString.copyFrom(new byte[4 * 1024 * 1024 + 1])).build();
        assertThatThrownBy(() -> danube.send(big))
                .isInstanceOf(StatusRuntimeException.class)
                .extracting(e -> ((StatusRuntimeException) e).getStatus().getCode())
                .isEqualTo(Status.Code.OUT_OF_RANGE);
        StreamMessage fits = BrokerFixture.message(producer, "/default/big", "p", 2, "")
                .toBuilder().setPayload(ByteString.copyFrom(new byte[4 * 1024 * 1024 - 1024])).build();
        danube.send(fits);
        assertThat(receiver.take(1, Duration.ofSeconds(5)).get(0).getRequestId()).isEqualTo(2);
    }

    @Test
    @DisplayName("39: an oversized message is answered like tonic's decode limit, not with a retryable code")
    void oversizedMessageGetsTonicsDecodeLimitStatus() {
        long producer = danube.createProducer("/default/too-big", "p", false);
        StreamMessage big = BrokerFixture.message(producer, "/default/too-big", "p", 1, "")
                .toBuilder().setPayload(ByteString.copyFrom(new byte[5 * 1024 * 1024])).build();

        assertThatThrownBy(() -> danube.send(big))
                .isInstanceOf(StatusRuntimeException.class)
                .extracting(e -> ((StatusRuntimeException) e).getStatus())
                .satisfies(status -> {
                    assertThat(status.getCode()).isEqualTo(Status.Code.OUT_OF_RANGE);
                    assertThat(status.getDescription()).isEqualTo("Error, decoded message length too large: found "
                            + big.getSerializedSize() + " bytes, the limit is: 4194304 bytes");
                });
    }

    @Test
    @DisplayName("deviation: requests over twice the limit never reach the broker; grpc-java's framing refuses them")
    void requestsOverTwiceTheLimitAreRefusedByTheTransport() {
        long producer = danube.createProducer("/default/huge", "p", false);
        StreamMessage justUnderTransportLimit = BrokerFixture.message(producer, "/default/huge", "p", 1, "")
                .toBuilder().setPayload(ByteString.copyFrom(new byte[8 * 1024 * 1024 - 1024])).build();
        StreamMessage overTransportLimit = justUnderTransportLimit.toBuilder()
                .setPayload(ByteString.copyFrom(new byte[8 * 1024 * 1024 + 1])).build();

        assertStatus(Status.Code.OUT_OF_RANGE, () -> danube.send(justUnderTransportLimit));
        assertStatus(Status.Code.RESOURCE_EXHAUSTED, () -> danube.send(overTransportLimit));
    }
}
