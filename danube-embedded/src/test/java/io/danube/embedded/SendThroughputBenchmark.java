package io.danube.embedded;

import com.google.protobuf.ByteString;
import io.danube.proto.DispatchStrategy;
import io.danube.proto.MessageResponse;
import io.danube.proto.MsgID;
import io.danube.proto.ProducerRequest;
import io.danube.proto.ProducerServiceGrpc;
import io.danube.proto.StreamMessage;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Pipelined SendMessage throughput (16 in flight, 1 KiB payloads, 4 partitions) against a bare gRPC echo of the same
 * method. Run with {@code -Ddanube.bench=true -Dtest=SendThroughputBenchmark}; {@code -Ddanube.bench.direct=false} runs
 * the broker's handlers on gRPC's default executor instead of the transport threads.
 */
@EnabledIfSystemProperty(named = "danube.bench", matches = "true")
class SendThroughputBenchmark {

    private static final int IN_FLIGHT = Integer.getInteger("danube.bench.inflight", 16);
    private static final int PARTITIONS = 4;
    private static final int WARM_UP = Integer.getInteger("danube.bench.warmup", 100_000);
    private static final int MEASURED = Integer.getInteger("danube.bench.calls", 200_000);
    private static final ByteString PAYLOAD = ByteString.copyFrom(new byte[1024]);

    @TempDir
    Path dataDirectory;

    @Test
    void compareWithBareEcho() throws Exception {
        double echoBefore = echoCeiling();
        double nonReliable = broker(false, null);
        double reliableMemory = broker(true, null);
        double reliableDisk = broker(true, dataDirectory);
        double echo = Math.max(echoBefore, echoCeiling());
        System.out.printf("bare echo          %,10.0f calls/s%n", echo);
        System.out.printf("non-reliable       %,10.0f msg/s (%.0f %%)%n", nonReliable, 100 * nonReliable / echo);
        System.out.printf("reliable in memory %,10.0f msg/s (%.0f %%)%n", reliableMemory, 100 * reliableMemory / echo);
        System.out.printf("reliable on disk   %,10.0f msg/s (%.0f %%)%n", reliableDisk, 100 * reliableDisk / echo);
    }

    private double echoCeiling() throws Exception {
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .directExecutor()
                .addService(new ProducerServiceGrpc.ProducerServiceImplBase() {
                    @Override
                    public void sendMessage(StreamMessage request, StreamObserver<MessageResponse> observer) {
                        observer.onNext(MessageResponse.newBuilder().setRequestId(request.getRequestId()).build());
                        observer.onCompleted();
                    }
                })
                .build().start();
        try {
            StreamMessage[] messages = new StreamMessage[PARTITIONS];
            for (int p = 0; p < PARTITIONS; p++) {
                messages[p] = message(1, "/default/echo-part-" + p);
            }
            return run(server.getPort(), messages);
        } finally {
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private double broker(boolean reliable, Path data) throws Exception {
        BrokerConfig config = BrokerConfig.builder()
                .directExecutor(Boolean.parseBoolean(System.getProperty("danube.bench.direct", "true")))
                .build();
        try (EmbeddedDanube broker = EmbeddedDanube.builder().config(config).dataDirectory(data).start()) {
            ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", broker.port()).usePlaintext().build();
            StreamMessage[] messages = new StreamMessage[PARTITIONS];
            try {
                var stub = ProducerServiceGrpc.newBlockingStub(channel);
                for (int p = 0; p < PARTITIONS; p++) {
                    String topic = "/default/bench-part-" + p;
                    long id = stub.createProducer(ProducerRequest.newBuilder().setTopicName(topic)
                            .setProducerName("bench-" + p)
                            .setDispatchStrategy(reliable ? DispatchStrategy.Reliable : DispatchStrategy.NonReliable)
                            .build()).getProducerId();
                    messages[p] = message(id, topic);
                }
            } finally {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
            return run(broker.port(), messages);
        }
    }

    private static StreamMessage message(long producerId, String topic) {
        return StreamMessage.newBuilder()
                .setMsgId(MsgID.newBuilder().setProducerId(producerId).setTopicName(topic))
                .setPayload(PAYLOAD)
                .setPublishTime(System.currentTimeMillis())
                .setProducerName("bench")
                .build();
    }

    private static double run(int port, StreamMessage[] messages) throws InterruptedException, IOException {
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().directExecutor().build();
        try {
            ProducerServiceGrpc.ProducerServiceStub stub = ProducerServiceGrpc.newStub(channel);
            pump(stub, messages, WARM_UP);
            long start = System.nanoTime();
            pump(stub, messages, MEASURED);
            return MEASURED / ((System.nanoTime() - start) / 1e9);
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static void pump(ProducerServiceGrpc.ProducerServiceStub stub, StreamMessage[] messages, int calls)
            throws InterruptedException, IOException {
        Semaphore permits = new Semaphore(IN_FLIGHT);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (int i = 0; i < calls; i++) {
            permits.acquire();
            if (failure.get() != null) {
                throw new IOException("send failed", failure.get());
            }
            stub.sendMessage(messages[i % PARTITIONS].toBuilder().setRequestId(i).build(), new StreamObserver<>() {
                @Override
                public void onNext(MessageResponse value) {
                }

                @Override
                public void onError(Throwable t) {
                    failure.set(t);
                    permits.release();
                }

                @Override
                public void onCompleted() {
                    permits.release();
                }
            });
        }
        permits.acquire(IN_FLIGHT);
    }
}
