package io.danube.connect.webhook.http;

import io.danube.connect.api.SourceRecord;

import java.util.concurrent.CompletableFuture;

/** Where accepted webhook messages go: normally the runtime's {@code SourceSender.trySend}. */
@FunctionalInterface
public interface RecordPublisher {

    /** Completes once Danube accepted the record, fails if it did not. */
    CompletableFuture<Void> publish(SourceRecord record);
}
