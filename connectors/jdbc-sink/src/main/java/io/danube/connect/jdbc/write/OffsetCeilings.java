package io.danube.connect.jdbc.write;

import io.danube.connect.api.DanubePosition;

import java.util.Collection;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * For partitions read in offset order by one consumer at a time (Exclusive, Failover): the highest offset that may be
 * stored, so that records above it are known not to be stored without asking the database. A ceiling is learnt from
 * the database (the highest stored offset) the first time a partition is seen and after every failed flush, and
 * raised by every commit of this process. A record above the ceiling can only be stored if another process wrote it
 * meanwhile (a consumer that lost the subscription and still commits); the primary key then fails that flush, the
 * ceiling is forgotten, and the retry asks the database again.
 */
final class OffsetCeilings {

    private final Map<PartitionKey, Long> ceilings = new ConcurrentHashMap<>();

    /** The ceiling of {@code partition}, or empty when it has to be read from the database first. */
    OptionalLong of(PartitionKey partition) {
        Long ceiling = ceilings.get(partition);
        return ceiling == null ? OptionalLong.empty() : OptionalLong.of(ceiling);
    }

    /** What the database holds for {@code partition}: its highest stored offset, or -1 when it holds none. */
    void learnt(PartitionKey partition, long highestStored) {
        ceilings.merge(partition, highestStored, Math::max);
    }

    /** After a commit: the partitions whose ceiling is known are raised to the committed offsets. */
    void committed(Collection<DanubePosition> positions) {
        for (DanubePosition position : positions) {
            ceilings.computeIfPresent(PartitionKey.of(position), (key, ceiling) -> Math.max(ceiling,
                    position.offset()));
        }
    }

    /** After a failed flush, whose outcome may be unknown: the ceilings of these partitions are read again. */
    void forget(Collection<DanubePosition> positions) {
        positions.forEach(position -> ceilings.remove(PartitionKey.of(position)));
    }
}
