package io.danube.client;

import io.danube.client.connection.BrokerAddress;
import io.danube.client.connection.ChannelFactory;
import io.danube.client.connection.ConnectionPool;
import io.danube.client.connection.NettyChannelFactory;
import io.danube.client.connection.TlsSettings;
import io.danube.client.consumer.Consumer;
import io.danube.client.consumer.ConsumerBuilder;
import io.danube.client.error.ClientClosedException;
import io.danube.client.internal.ClientContext;
import io.danube.client.lookup.LookupService;
import io.danube.client.producer.Producer;
import io.danube.client.producer.ProducerBuilder;
import io.danube.client.retry.BlockingRetry;
import io.danube.client.retry.RetryPolicy;
import io.danube.client.schema.SchemaRegistryClient;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Entry point of the Danube client: owns the broker connections (one gRPC channel per distinct broker address) and
 * creates producers, consumers and the schema registry client. Thread-safe; create one per application and close
 * it on shutdown.
 *
 * <pre>{@code
 * try (DanubeClient client = DanubeClient.builder().serviceUrl("http://localhost:6650").build()) {
 *     Producer producer = client.newProducer().topic("/default/orders").name("orders-writer").create();
 *     producer.send("hello".getBytes(StandardCharsets.UTF_8));
 * }
 * }</pre>
 */
public final class DanubeClient implements AutoCloseable {

    /** gRPC message size limit of the Danube broker, applied to both directions. */
    public static final int MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

    private final ClientContext ctx;
    private final ScheduledThreadPoolExecutor scheduler;
    private final ExecutorService worker;
    private final Set<Producer> producers = ConcurrentHashMap.newKeySet();
    private final Set<Consumer> consumers = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private DanubeClient(Builder builder) {
        scheduler = new ScheduledThreadPoolExecutor(1, daemonThreads("danube-timer"));
        scheduler.setRemoveOnCancelPolicy(true);
        worker = Executors.newCachedThreadPool(daemonThreads("danube-worker"));
        ChannelFactory channels = builder.channelFactory != null
                ? builder.channelFactory
                : new NettyChannelFactory(builder.effectiveTls(), MAX_MESSAGE_BYTES);
        ConnectionPool pool = new ConnectionPool(channels, builder.tokenSupplier, builder.deadline);
        BrokerAddress service = BrokerAddress.direct(builder.serviceUrl);
        BlockingRetry retry = new BlockingRetry(builder.retryPolicy);
        LookupService lookup = new LookupService(pool, service, retry);
        SchemaRegistryClient schemaRegistry = new SchemaRegistryClient(() -> pool.connection(service), retry);
        ctx = new ClientContext(pool, lookup, schemaRegistry, builder.retryPolicy, scheduler, worker,
                MAX_MESSAGE_BYTES, builder.healthCheckInterval, builder.closeTimeout);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts configuring a producer. */
    public ProducerBuilder newProducer() {
        ensureOpen();
        return new ProducerBuilder(ctx, this::track, producers::remove);
    }

    /** Starts configuring a consumer. */
    public ConsumerBuilder newConsumer() {
        ensureOpen();
        return new ConsumerBuilder(ctx, this::track, consumers::remove);
    }

    /** The broker's schema registry, reached through the service URL. */
    public SchemaRegistryClient schemaRegistry() {
        ensureOpen();
        return ctx.schemaRegistry();
    }

    /** Topic discovery (lookup and partitions), mostly useful for diagnostics and health checks. */
    public LookupService lookup() {
        ensureOpen();
        return ctx.lookup();
    }

    /** Number of open gRPC channels, one per distinct broker address in use. */
    public int openChannels() {
        return ctx.pool().size();
    }

    public boolean isClosed() {
        return closed;
    }

    private void track(Producer producer) {
        producers.add(producer);
        if (closed) {
            producer.close();
        }
    }

    private void track(Consumer consumer) {
        consumers.add(consumer);
        if (closed) {
            consumer.close();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new ClientClosedException("Danube client is closed");
        }
    }

    /**
     * Closes every producer (no new sends; in-flight sends get up to the close timeout to be confirmed) and consumer,
     * then shuts the channels and threads down. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<Producer> openProducers = new ArrayList<>(producers);
        openProducers.parallelStream().forEach(Producer::close);
        new ArrayList<>(consumers).forEach(Consumer::close);
        ctx.pool().shutdown(ctx.closeTimeout());
        scheduler.shutdownNow().forEach(Runnable::run);
        worker.shutdownNow();
        try {
            worker.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Configures a {@link DanubeClient}. Not thread-safe. */
    public static final class Builder {

        private String serviceUrl;
        private TlsSettings tls;
        private Supplier<String> tokenSupplier;
        private Duration deadline = Duration.ofSeconds(10);
        private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
        private Duration healthCheckInterval = Duration.ofSeconds(5);
        private Duration closeTimeout = Duration.ofSeconds(5);
        private ChannelFactory channelFactory;

        private Builder() {
        }

        /** Broker URL, {@code http://host:6650} for plaintext or {@code https://host:6650} for TLS. */
        public Builder serviceUrl(String url) {
            BrokerAddress.authority(url);
            this.serviceUrl = url;
            return this;
        }

        /** TLS trusting the CA certificates in {@code caFile} (PEM). */
        public Builder tls(Path caFile) {
            this.tls = new TlsSettings(Objects.requireNonNull(caFile, "caFile"), null, null);
            return this;
        }

        /** Mutual TLS: trust {@code caFile}, present {@code certFile} with private key {@code keyFile} (PEM). */
        public Builder mtls(Path caFile, Path certFile, Path keyFile) {
            this.tls = new TlsSettings(caFile, Objects.requireNonNull(certFile, "certFile"),
                    Objects.requireNonNull(keyFile, "keyFile"));
            return this;
        }

        /**
         * Static JWT sent as {@code authorization: Bearer <token>} on every call. A token implies TLS, as in the
         * Danube Rust client: without {@link #tls}/{@link #mtls} the JVM's default trust roots are used, even for an
         * {@code http://} URL.
         */
        public Builder token(String token) {
            Objects.requireNonNull(token, "token");
            return tokenSupplier(() -> token);
        }

        /** Like {@link #token(String)}, but asks {@code supplier} for the token on every call (for rotation). */
        public Builder tokenSupplier(Supplier<String> supplier) {
            this.tokenSupplier = Objects.requireNonNull(supplier, "supplier");
            return this;
        }

        /** Deadline of every unary call (each retry attempt gets its own); default 10 s. */
        public Builder deadline(Duration deadline) {
            this.deadline = positive(deadline, "deadline");
            return this;
        }

        /** Retry policy for transient failures; default {@link RetryPolicy#DEFAULT}. */
        public Builder retryPolicy(RetryPolicy policy) {
            this.retryPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** How often producers and consumers ask the broker whether they are still registered; default 5 s. */
        public Builder healthCheckInterval(Duration interval) {
            this.healthCheckInterval = positive(interval, "healthCheckInterval");
            return this;
        }

        /** How long {@code close()} waits for in-flight sends to be confirmed; default 5 s. */
        public Builder closeTimeout(Duration timeout) {
            this.closeTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * Replaces the default Netty channel construction (e.g. for in-process tests or custom transport settings).
         * The factory is then responsible for TLS and for the 4 MiB inbound message limit.
         */
        public Builder channelFactory(ChannelFactory factory) {
            this.channelFactory = Objects.requireNonNull(factory, "factory");
            return this;
        }

        public DanubeClient build() {
            if (serviceUrl == null) {
                throw new IllegalStateException("serviceUrl is required");
            }
            return new DanubeClient(this);
        }

        private TlsSettings effectiveTls() {
            if (tls == null && tokenSupplier != null) {
                return TlsSettings.systemDefault();
            }
            return tls;
        }

        private static Duration positive(Duration value, String name) {
            if (value == null || value.isZero() || value.isNegative()) {
                throw new IllegalArgumentException(name + " must be positive: " + value);
            }
            return value;
        }
    }
}
