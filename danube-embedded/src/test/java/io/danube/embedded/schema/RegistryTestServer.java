package io.danube.embedded.schema;

import com.google.protobuf.ByteString;
import io.danube.proto.schema.ConfigureTopicSchemaRequest;
import io.danube.proto.schema.RegisterSchemaRequest;
import io.danube.proto.schema.RegisterSchemaResponse;
import io.danube.proto.schema.SchemaRegistryGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** A {@link SchemaSupport} served over a real in-process gRPC server, with a blocking client stub. */
final class RegistryTestServer implements AutoCloseable {

    final Set<String> localTopics = ConcurrentHashMap.newKeySet();
    final SchemaSupport support;
    final SchemaRegistryGrpc.SchemaRegistryBlockingStub client;

    private final Server server;
    private final ManagedChannel channel;

    RegistryTestServer() {
        this(null, Clock.systemUTC());
    }

    RegistryTestServer(Path dataDirectory) {
        this(dataDirectory, Clock.systemUTC());
    }

    RegistryTestServer(Path dataDirectory, Clock clock) {
        support = new SchemaSupport(dataDirectory, localTopics::contains, clock);
        String name = InProcessServerBuilder.generateName();
        try {
            server = InProcessServerBuilder.forName(name).directExecutor()
                    .addService(support.grpcService()).build().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        channel = InProcessChannelBuilder.forName(name).directExecutor().build();
        client = SchemaRegistryGrpc.newBlockingStub(channel);
    }

    RegisterSchemaResponse register(String subject, String type, String definition) {
        return client.registerSchema(RegisterSchemaRequest.newBuilder()
                .setSubject(subject)
                .setSchemaType(type)
                .setSchemaDefinition(ByteString.copyFrom(definition, StandardCharsets.UTF_8))
                .build());
    }

    void configureTopic(String topic, String subject, String policy, boolean payloadValidation) {
        localTopics.add(topic);
        client.configureTopicSchema(ConfigureTopicSchemaRequest.newBuilder()
                .setTopicName(topic)
                .setSchemaSubject(subject)
                .setValidationPolicy(policy)
                .setEnablePayloadValidation(payloadValidation)
                .build());
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow();
        server.shutdownNow();
        server.awaitTermination(5, TimeUnit.SECONDS);
    }
}
