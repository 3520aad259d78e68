package io.danube.connect.runtime.sink;

import io.danube.connect.observability.ConnectorMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Acknowledges and negatively acknowledges consumed records through their receipts, counts them in the metrics and
 * remembers the settlements the broker has not confirmed yet, so that a stop can wait for them before the
 * subscriptions close.
 */
final class Settlements {

    private static final Logger LOG = LoggerFactory.getLogger(Settlements.class);

    private final ConnectorMetrics metrics;
    private final Set<CompletableFuture<Void>> unsettled = ConcurrentHashMap.newKeySet();

    Settlements(ConnectorMetrics metrics) {
        this.metrics = metrics;
    }

    void ack(List<PendingRecord> records) {
        ack(records, true);
    }

    /** Acknowledges records that were not written (already stored by the sink): not counted as sent. */
    void ackUnwritten(List<PendingRecord> records) {
        ack(records, false);
    }

    private void ack(List<PendingRecord> records, boolean written) {
        for (PendingRecord pending : records) {
            String topic = pending.record().topic();
            track(pending.receipt().acknowledge().whenComplete((ok, error) -> {
                metrics.inFlight(topic, -1);
                if (error == null && written) {
                    metrics.sent(topic, 1);
                } else if (error != null) {
                    metrics.error(topic, "ack", 1);
                    LOG.warn("Acknowledging {} failed; the broker will redeliver it: {}", pending.record(),
                            error.getMessage());
                }
            }));
        }
    }

    /** Negatively acknowledges records so the broker redelivers them. */
    void nack(List<PendingRecord> records) {
        for (PendingRecord pending : records) {
            String topic = pending.record().topic();
            track(pending.receipt().negativeAcknowledge().whenComplete((ok, error) -> metrics.inFlight(topic, -1)));
        }
    }

    private void track(CompletableFuture<Void> settlement) {
        unsettled.add(settlement);
        settlement.whenComplete((ok, error) -> unsettled.remove(settlement));
    }

    /** Waits until every ack and nack sent so far completed, at most until {@code deadline} (nano time). */
    void awaitSettled(long deadline) {
        CompletableFuture<?>[] pending = unsettled.toArray(CompletableFuture[]::new);
        long remaining = deadline - System.nanoTime();
        try {
            CompletableFuture.allOf(pending).get(Math.max(remaining, 0), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            LOG.debug("Some settlements failed while draining", e);
        } catch (TimeoutException e) {
            LOG.warn("{} acknowledgement(s) still pending at the shutdown deadline", unsettled.size());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
