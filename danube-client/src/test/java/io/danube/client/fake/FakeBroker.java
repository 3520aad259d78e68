package io.danube.client.fake;

import io.danube.client.DanubeClient;
import io.danube.client.connection.ChannelFactory;
import io.danube.client.connection.DanubeHeaders;
import io.danube.client.retry.RetryPolicy;
import io.grpc.Contexts;
import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * An in-process stand-in for a Danube broker: every client-port service, programmable failures, and a record of
 * what the client sent. Any broker URL the client dials is routed to this one server.
 */
public final class FakeBroker implements AutoCloseable {

    public static final String SERVICE_URL = "http://fake-broker:6650";

    /** Metadata of one received call. */
    public record CallHeaders(String method, String authorization, String brokerUrl) {
    }

    private static final Context.Key<CallHeaders> HEADERS = Context.key("danube-call-headers");

    public final FakeDiscovery discovery = new FakeDiscovery();
    public final FakeProducerService producers = new FakeProducerService();
    public final FakeConsumerService consumers = new FakeConsumerService();
    public final FakeHealthCheck health = new FakeHealthCheck(producers, consumers);
    public final FakeSchemaRegistry schemas = new FakeSchemaRegistry();
    public final List<CallHeaders> calls = new CopyOnWriteArrayList<>();
    public final List<String> dialedUrls = new CopyOnWriteArrayList<>();
    private final String name = InProcessServerBuilder.generateName();
    private final Server server;
    private final List<ServerServiceDefinition> services;
    private Server loopbackServer;
    private volatile boolean recording = true;

    public FakeBroker() throws IOException {
        ServerInterceptor recorder = new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                               ServerCallHandler<Q, R> next) {
                CallHeaders seen = new CallHeaders(call.getMethodDescriptor().getFullMethodName(),
                        headers.get(DanubeHeaders.AUTHORIZATION), headers.get(DanubeHeaders.BROKER_URL));
                if (recording) {
                    calls.add(seen);
                }
                return Contexts.interceptCall(Context.current().withValue(HEADERS, seen), call, headers, next);
            }
        };
        services = List.of(ServerInterceptors.intercept(discovery, recorder),
                ServerInterceptors.intercept(producers, recorder),
                ServerInterceptors.intercept(consumers, recorder),
                ServerInterceptors.intercept(health, recorder),
                ServerInterceptors.intercept(schemas, recorder));
        InProcessServerBuilder builder = InProcessServerBuilder.forName(name);
        services.forEach(builder::addService);
        server = builder.maxInboundMessageSize(DanubeClient.MAX_MESSAGE_BYTES).build().start();
    }

    /** Also serves the same services over plaintext HTTP/2 on 127.0.0.1; returns {@code http://127.0.0.1:<port>}. */
    public String serveOnLoopback() throws IOException {
        return "http://127.0.0.1:" + serveOnLoopback(builder -> builder);
    }

    /** Serves the services on 127.0.0.1 with extra server settings (e.g. TLS); returns the port. */
    public int serveOnLoopback(UnaryOperator<NettyServerBuilder> settings) throws IOException {
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0));
        services.forEach(builder::addService);
        loopbackServer = settings.apply(builder).maxInboundMessageSize(DanubeClient.MAX_MESSAGE_BYTES).build().start();
        return loopbackServer.getPort();
    }

    /** Stops recording calls and received messages, for throughput measurements. */
    public void stopRecording() {
        recording = false;
        producers.stopRecording();
    }

    /** Channels for any URL, all reaching this broker. */
    public ChannelFactory channelFactory() {
        return url -> {
            dialedUrls.add(url);
            ManagedChannel channel = InProcessChannelBuilder.forName(name)
                    .maxInboundMessageSize(DanubeClient.MAX_MESSAGE_BYTES)
                    .build();
            return channel;
        };
    }

    /** A client builder wired to this broker with short retry delays and health-check interval. */
    public DanubeClient.Builder clientBuilder() {
        return DanubeClient.builder()
                .serviceUrl(SERVICE_URL)
                .channelFactory(channelFactory())
                .deadline(Duration.ofSeconds(2))
                .retryPolicy(new RetryPolicy(3, Duration.ofMillis(5), Duration.ofMillis(40)))
                .healthCheckInterval(Duration.ofMillis(100))
                .closeTimeout(Duration.ofSeconds(2));
    }

    public DanubeClient client() {
        return clientBuilder().build();
    }

    public List<CallHeaders> callsTo(String methodSuffix) {
        return calls.stream().filter(c -> c.method().endsWith(methodSuffix)).toList();
    }

    @Override
    public void close() {
        producers.releaseStalled();
        server.shutdownNow();
        if (loopbackServer != null) {
            loopbackServer.shutdownNow();
        }
    }
}
