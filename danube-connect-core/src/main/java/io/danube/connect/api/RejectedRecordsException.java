package io.danube.connect.api;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Thrown by {@link SinkConnector#processBatch} after it wrote every record of the batch except the rejected ones,
 * which can never be processed. The runtime acknowledges the written records and sends each rejected record to the
 * dead-letter topic with its own reason, without re-running the batch. Lets a sink that isolates poison records
 * itself (for example by splitting a database batch) commit the rest in one go.
 */
public class RejectedRecordsException extends InvalidDataException {

    /** One record the sink could not write and why. */
    public record Rejection(SinkRecord record, InvalidDataException reason) {
    }

    private final List<Rejection> rejections;
    private final Map<SinkRecord, InvalidDataException> byRecord = new IdentityHashMap<>();

    /** @param rejections the records (the same instances the batch held) that were not written; not empty */
    public RejectedRecordsException(List<Rejection> rejections) {
        super(rejections.size() + " record(s) of the batch rejected, the others written; first: "
              + rejections.get(0).reason().getMessage());
        this.rejections = List.copyOf(rejections);
        this.rejections.forEach(rejection -> byRecord.put(rejection.record(), rejection.reason()));
    }

    public List<Rejection> rejections() {
        return rejections;
    }

    /** Why {@code record} (matched by identity) was rejected; empty if it was written. */
    public Optional<InvalidDataException> reasonFor(SinkRecord record) {
        return Optional.ofNullable(byRecord.get(record));
    }
}
