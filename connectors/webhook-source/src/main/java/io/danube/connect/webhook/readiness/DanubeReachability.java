package io.danube.connect.webhook.readiness;

import io.danube.client.DanubeClient;
import io.danube.client.error.DanubeClientException;
import io.danube.client.error.DanubeRpcException;
import io.danube.client.retry.RetryPolicy;
import io.grpc.Status;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.ExecutorServiceManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Probes Danube in the background with a topic lookup (a real gRPC round trip with a short deadline) every
 * {@code interval}; any answer from the broker, even "topic not found", counts as reachable, a connection failure or
 * timeout does not. Requests read the last result without waiting.
 */
public final class DanubeReachability implements Readiness, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DanubeReachability.class);

    private final DanubeClient client;
    private final String topic;
    private final ExecutorServiceManager executors;
    private final ScheduledExecutorService prober;
    private volatile boolean reachable;

    private DanubeReachability(DanubeClient client, String topic, ExecutorServiceManager executors) {
        this.client = client;
        this.topic = topic;
        this.executors = executors;
        this.prober = executors.newSingleThreadScheduledExecutor(this, "WebhookDanubeProbe");
    }

    /**
     * Probes once now (so readiness is known at start) and then every {@code interval}, on a thread of
     * {@code camel}'s executor service manager.
     */
    public static DanubeReachability start(CamelContext camel, String serviceUrl, String topic, Duration interval) {
        DanubeClient client = DanubeClient.builder().serviceUrl(serviceUrl)
                .deadline(Duration.ofSeconds(1))
                .retryPolicy(new RetryPolicy(0, Duration.ZERO, Duration.ZERO))
                .build();
        DanubeReachability reachability = new DanubeReachability(client, topic, camel.getExecutorServiceManager());
        reachability.probe();
        reachability.prober.scheduleWithFixedDelay(reachability::probe, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
        return reachability;
    }

    @Override
    public boolean danubeReachable() {
        return reachable;
    }

    private void probe() {
        boolean now;
        try {
            client.lookup().lookup(topic, client.lookup().serviceAddress());
            now = true;
        } catch (DanubeRpcException e) {
            now = e.code() != Status.Code.UNAVAILABLE && e.code() != Status.Code.DEADLINE_EXCEEDED;
        } catch (DanubeClientException e) {
            now = true;
        } catch (RuntimeException e) {
            now = false;
        }
        if (now != reachable) {
            LOG.info("Danube is {}", now ? "reachable" : "unreachable");
        }
        reachable = now;
    }

    @Override
    public void close() {
        executors.shutdownNow(prober);
        client.close();
    }
}
