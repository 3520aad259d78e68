package io.danube.client.connection;

import io.danube.client.error.ClientClosedException;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One {@link ManagedChannel} per distinct {@link BrokerAddress}, opened lazily and shared by everything that
 * talks to that broker. Thread-safe.
 */
public final class ConnectionPool {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionPool.class);

    private final ChannelFactory channelFactory;
    private final Supplier<String> tokenSupplier;
    private final Duration deadline;
    private final Map<BrokerAddress, BrokerConnection> connections = new ConcurrentHashMap<>();
    private final Map<BrokerAddress, ManagedChannel> channels = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public ConnectionPool(ChannelFactory channelFactory, Supplier<String> tokenSupplier, Duration deadline) {
        this.channelFactory = channelFactory;
        this.tokenSupplier = tokenSupplier;
        this.deadline = deadline;
    }

    public BrokerConnection connection(BrokerAddress address) {
        if (closed) {
            throw new ClientClosedException("Danube client is closed; no new broker connections");
        }
        return connections.computeIfAbsent(address, this::open);
    }

    private BrokerConnection open(BrokerAddress address) {
        ManagedChannel channel = channelFactory.open(address.connectUrl());
        channels.put(address, channel);
        String proxied = address.proxy() ? address.brokerUrl() : null;
        LOG.debug("opened channel to {} (broker {}, proxy {})", address.connectUrl(), address.brokerUrl(), address.proxy());
        return new BrokerConnection(address,
                ClientInterceptors.intercept(channel, new RequestHeadersInterceptor(tokenSupplier, proxied)), deadline);
    }

    /** Number of open channels (one per distinct broker address). */
    public int size() {
        return channels.size();
    }

    /** Shuts every channel down, waiting at most {@code timeout} in total before forcing them closed. */
    public void shutdown(Duration timeout) {
        closed = true;
        List<ManagedChannel> open = new ArrayList<>(channels.values());
        open.forEach(ManagedChannel::shutdown);
        long deadlineNanos = System.nanoTime() + timeout.toNanos();
        for (ManagedChannel channel : open) {
            try {
                long remaining = deadlineNanos - System.nanoTime();
                if (remaining <= 0 || !channel.awaitTermination(remaining, TimeUnit.NANOSECONDS)) {
                    channel.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                channel.shutdownNow();
            }
        }
        channels.clear();
        connections.clear();
    }
}
