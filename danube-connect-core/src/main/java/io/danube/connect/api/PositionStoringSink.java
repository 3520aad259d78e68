package io.danube.connect.api;

import java.util.List;
import java.util.Set;

/**
 * A {@link SinkConnector} that stores the {@link DanubePosition} of every record it writes atomically with the data
 * (the same database transaction, the same table commit), so that records Danube delivers again after a crash are
 * recognised and not written twice: effectively-once delivery into the external system.
 *
 * <p>Contract between the runtime and the sink, for every consumer for which {@link #storesPositions} is true:
 * <ol>
 *   <li>Before each batch reaches {@link SinkConnector#processBatch}, the runtime asks {@link #alreadyStored} about
 *   the positions of the batch's records of such consumers. It acknowledges the records named in the answer without
 *   handing them to the sink and counts them in {@code connector_records_skipped_total{reason="already_written"}}.</li>
 *   <li>{@code processBatch} must then write the remaining records and their positions
 *   ({@link SinkRecord#position()}) all-or-nothing: after a crash at any point either both are durable or neither
 *   is. A sink whose system has no such atomic unit must not implement this interface.</li>
 *   <li>Two sink instances may hold the same record at once (a Shared subscription redelivering to another consumer,
 *   a Failover switch while the old consumer still writes). The sink must detect that a position was stored between
 *   {@code alreadyStored} and its own write (a unique key, a conditional commit) and fail the batch with a
 *   {@link RetryableException} without writing; the runtime then redelivers it and the next {@code alreadyStored}
 *   filters the record out.</li>
 * </ol>
 * What holds for which subscription type (a sink may support fewer and must then say so in its configuration
 * errors): with one consumer per partition (Exclusive, Failover) offsets of a partition arrive in order, so a highest
 * stored offset per (subscription, partition) answers {@code alreadyStored}; with Shared or Key_Shared subscriptions
 * offsets of a partition interleave across instances and only a per-position record (a unique key on the position)
 * answers it.
 */
public interface PositionStoringSink {

    /** Whether the records of this consumer are written effectively once; false leaves them at-least-once. */
    boolean storesPositions(ConsumerConfig consumer);

    /**
     * Of these positions (the records of one batch, in delivery order, all of consumers that
     * {@link #storesPositions store positions}), those whose records the external system already holds. Called
     * from the thread that processes batches, never concurrently with {@code processBatch}. A failure is treated like
     * a failure of {@code processBatch}.
     */
    Set<DanubePosition> alreadyStored(List<DanubePosition> positions);
}
