package io.danube.embedded;

import io.danube.embedded.schema.SchemaSupport;
import io.danube.embedded.service.ConsumerHandler;
import io.danube.embedded.service.DiscoveryHandler;
import io.danube.embedded.service.HealthCheckHandler;
import io.danube.embedded.service.MessageSizeLimit;
import io.danube.embedded.service.ProducerHandler;
import io.danube.embedded.service.StorageHandler;
import io.danube.embedded.topic.TopicRegistry;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A Danube-compatible broker inside the JVM: every client-port gRPC service on one loopback port.
 *
 * <pre>{@code
 * try (EmbeddedDanube danube = EmbeddedDanube.start()) {
 *     String url = danube.serviceUrl(); // http://127.0.0.1:<ephemeral port>
 * }
 * }</pre>
 *
 * With a data directory, reliable topics (messages and subscription cursors) and topic metadata survive a restart:
 * stop the broker and start a new instance on the same directory.
 */
public final class EmbeddedDanube implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDanube.class);

    private final Server server;
    private final TopicRegistry registry;
    private final ScheduledExecutorService timer;
    private final String serviceUrl;
    private final int port;
    private boolean stopped;

    private EmbeddedDanube(Server server, TopicRegistry registry, ScheduledExecutorService timer, String serviceUrl) {
        this.server = server;
        this.registry = registry;
        this.timer = timer;
        this.serviceUrl = serviceUrl;
        this.port = server.getPort();
    }

    /** Starts a memory-only broker with default settings on an ephemeral loopback port. */
    public static EmbeddedDanube start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The URL clients use, e.g. {@code http://127.0.0.1:6650}. */
    public String serviceUrl() {
        return serviceUrl;
    }

    /** The bound port (the ephemeral one when started with port 0). */
    public int port() {
        return port;
    }

    /**
     * Stops serving (open streams are cancelled), then writes cursors and metadata and forces the logs to disk.
     * Idempotent.
     */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        server.shutdownNow();
        try {
            if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("gRPC server on {} did not terminate within 5 s", serviceUrl);
            }
            timer.shutdownNow();
            if (!timer.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("Broker timer did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        registry.close();
        LOG.debug("Danube embedded broker at {} stopped", serviceUrl);
    }

    @Override
    public void close() {
        stop();
    }

    /** Where and how to run the broker. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port;
        private Path dataDirectory;
        private BrokerConfig config = BrokerConfig.defaults();

        private Builder() {
        }

        /** Bind address; default {@code 127.0.0.1}. */
        public Builder host(String value) {
            this.host = Objects.requireNonNull(value, "host");
            return this;
        }

        /** Port; 0 (default) picks a free ephemeral port. */
        public Builder port(int value) {
            if (value < 0 || value > 65535) {
                throw new IllegalArgumentException("port must be in 0..65535, got " + value);
            }
            this.port = value;
            return this;
        }

        /** Directory for durable reliable topics; {@code null} (default) keeps everything in memory. */
        public Builder dataDirectory(Path value) {
            this.dataDirectory = value;
            return this;
        }

        public Builder config(BrokerConfig value) {
            this.config = Objects.requireNonNull(value, "config");
            return this;
        }

        /** Restores persisted topics, binds the port and starts serving. */
        public EmbeddedDanube start() {
            if (dataDirectory != null) {
                try {
                    Files.createDirectories(dataDirectory);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot create data directory " + dataDirectory, e);
                }
            }
            ScheduledExecutorService timer = newTimer();
            try {
                return startWith(timer);
            } catch (RuntimeException e) {
                timer.shutdownNow();
                throw e;
            }
        }

        private EmbeddedDanube startWith(ScheduledExecutorService timer) {
            TopicRegistry[] registryHolder = new TopicRegistry[1];
            SchemaSupport schema = new SchemaSupport(dataDirectory, topic -> registryHolder[0].isLocal(topic));
            TopicRegistry registry = new TopicRegistry(config, dataDirectory, schema, timer);
            registryHolder[0] = registry;
            try {
                registry.restore();
            } catch (IOException | RuntimeException e) {
                registry.close();
                throw new IllegalStateException("cannot restore topics from " + dataDirectory + ": " + e.getMessage(), e);
            }
            NettyServerBuilder serverBuilder = NettyServerBuilder.forAddress(new InetSocketAddress(host, port))
                    .maxInboundMessageSize(MessageSizeLimit.transportLimit(config.maxInboundMessageBytes()))
                    .intercept(new MessageSizeLimit(config.maxInboundMessageBytes()))
                    .permitKeepAliveWithoutCalls(true)
                    .permitKeepAliveTime(1, TimeUnit.SECONDS)
                    .addService(new ProducerHandler(registry))
                    .addService(new ConsumerHandler(registry))
                    .addService(new HealthCheckHandler(registry))
                    .addService(new StorageHandler());
            if (config.directExecutor()) {
                serverBuilder.directExecutor();
            }
            serverBuilder.addService(schema.grpcService());
            AtomicReference<String> url = new AtomicReference<>();
            serverBuilder.addService(new DiscoveryHandler(registry, url::get));
            Server server;
            try {
                server = serverBuilder.build().start();
            } catch (IOException e) {
                registry.close();
                throw new UncheckedIOException("cannot bind the broker to " + host + ":" + port, e);
            }
            url.set(serviceUrl(host, server.getPort()));
            scheduleHousekeeping(timer, registry);
            LOG.debug("Danube embedded broker serving at {}", url.get());
            return new EmbeddedDanube(server, registry, timer, url.get());
        }

        private void scheduleHousekeeping(ScheduledExecutorService timer, TopicRegistry registry) {
            every(timer, config.heartbeatInterval().toMillis(), "heartbeat", registry::heartbeat);
            every(timer, config.idleSubscriptionCheckInterval().toMillis(), "idle subscription reaper",
                    registry::reapIdleSubscriptions);
            every(timer, config.fsyncInterval().toMillis(), "log flush", registry::sync);
        }

        private static void every(ScheduledExecutorService timer, long millis, String what, Runnable task) {
            timer.scheduleWithFixedDelay(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.error("Broker {} failed", what, e);
                }
            }, millis, millis, TimeUnit.MILLISECONDS);
        }

        /** The URL clients dial: a wildcard bind address is advertised as loopback. */
        private static String serviceUrl(String host, int port) {
            String advertised = switch (host) {
                case "", "0.0.0.0", "::", "[::]" -> "127.0.0.1";
                default -> host;
            };
            if (advertised.contains(":") && !advertised.startsWith("[")) {
                advertised = "[" + advertised + "]";
            }
            return "http://" + advertised + ":" + port;
        }

        private static ScheduledExecutorService newTimer() {
            ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, runnable -> {
                Thread thread = new Thread(runnable, "danube-embedded-timer");
                thread.setDaemon(true);
                return thread;
            });
            timer.setRemoveOnCancelPolicy(true);
            return timer;
        }
    }
}
