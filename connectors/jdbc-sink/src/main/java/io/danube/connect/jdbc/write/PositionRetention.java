package io.danube.connect.jdbc.write;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bounds the position table: per (subscription, partition) only the positions within {@code offsets} of the highest
 * offset a flush stores are kept. Pruning runs inside a flush whenever that partition's highest stored offset moved
 * on by a tenth of the retention since its last pruning (and in the first flush of each partition), so a partition
 * holds at most 1.1 × {@code offsets} positions and the cost is spread: one range delete per partition every
 * {@code offsets / 10} records. {@code offsets = 0} keeps every position.
 */
final class PositionRetention {

    private final long offsets;
    private final long step;
    private final Map<PartitionKey, Long> prunedAt = new ConcurrentHashMap<>();

    PositionRetention(long offsets) {
        this.offsets = offsets;
        this.step = Math.max(1, offsets / 10);
    }

    /**
     * The offset below which the positions of {@code partition} are to be deleted in the flush storing
     * {@code highest}, or -1 when no pruning is due.
     */
    long pruneBelow(PartitionKey partition, long highest) {
        if (offsets == 0 || highest < offsets) {
            return -1;
        }
        Long last = prunedAt.get(partition);
        return last == null || highest - last >= step ? highest - offsets : -1;
    }

    /** After the commit of a flush that pruned {@code partition} at {@code highest}. */
    void pruned(PartitionKey partition, long highest) {
        prunedAt.put(partition, highest);
    }
}
