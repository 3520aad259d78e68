package io.danube.bench.echo;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.danube.bench.Latencies;
import io.danube.bench.WindowedLoad;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The bare-gRPC ceiling: a trivial unary echo service on loopback, called with a payload of the same size
 * and the same number of calls in flight as the client under test.
 */
public final class EchoCeiling implements AutoCloseable {

    private final Server server;
    private final ManagedChannel channel;
    private final EchoGrpc.EchoStub stub;

    private EchoCeiling(Server server, ManagedChannel channel) {
        this.server = server;
        this.channel = channel;
        this.stub = EchoGrpc.newStub(channel);
    }

    /**
     * Starts the echo service and its channel, both with direct executors: handlers and callbacks run on the
     * transport threads, the fastest configuration grpc-java has, so the ceiling is as high as it gets.
     */
    public static EchoCeiling start() throws IOException {
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(new EchoService())
                .maxInboundMessageSize(4 * 1024 * 1024)
                .directExecutor()
                .build()
                .start();
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", server.getPort())
                .usePlaintext()
                .directExecutor()
                .maxInboundMessageSize(4 * 1024 * 1024)
                .build();
        return new EchoCeiling(server, channel);
    }

    /** Echo calls per second with {@code window} calls in flight. */
    public double callsPerSecond(long calls, int window, int payloadSize) throws InterruptedException {
        return callsPerSecond(calls, window, payloadSize, null);
    }

    /** Like {@link #callsPerSecond(long, int, int)}, recording each call's round trip into {@code latencies}. */
    public double callsPerSecond(long calls, int window, int payloadSize, Latencies latencies)
            throws InterruptedException {
        ByteString payload = UnsafeByteOperations.unsafeWrap(new byte[payloadSize]);
        return WindowedLoad.run(calls, window, id -> {
            long start = System.nanoTime();
            CompletableFuture<EchoReply> reply = call(EchoRequest.newBuilder().setId(id).setPayload(payload).build());
            if (latencies == null) {
                return reply;
            }
            return reply.whenComplete((ok, error) -> latencies.record(System.nanoTime() - start));
        });
    }

    private CompletableFuture<EchoReply> call(EchoRequest request) {
        CompletableFuture<EchoReply> reply = new CompletableFuture<>();
        stub.echo(request, new StreamObserver<>() {
            @Override
            public void onNext(EchoReply value) {
                reply.complete(value);
            }

            @Override
            public void onError(Throwable t) {
                reply.completeExceptionally(t);
            }

            @Override
            public void onCompleted() {
                reply.complete(null);
            }
        });
        return reply;
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdown().awaitTermination(5, TimeUnit.SECONDS);
        server.shutdown().awaitTermination(5, TimeUnit.SECONDS);
    }

    private static final class EchoService extends EchoGrpc.EchoImplBase {
        @Override
        public void echo(EchoRequest request, StreamObserver<EchoReply> responseObserver) {
            responseObserver.onNext(EchoReply.newBuilder().setId(request.getId()).build());
            responseObserver.onCompleted();
        }
    }
}
