package io.danube.connect.runtime.source;

import io.danube.client.error.Causes;
import io.danube.client.error.MessageRefusals;
import io.danube.connect.api.ErrorCategory;

/**
 * The one classification of publish failures of every source: a <em>permanent</em> failure can never succeed for
 * this record — Danube or the client refused the message itself ({@link MessageRefusals}: over the size limit, refused
 * by the schema registry, a status such as {@code INVALID_ARGUMENT}) or the connector marked it as invalid data — so
 * the record goes to the dead-letter topic; anything else is <em>retryable</em> (the broker down or busy, a timeout,
 * an unknown error) and is retried.
 */
final class PublishErrors {

    private PublishErrors() {
    }

    /** Whether {@code error} or one of its causes says this record can never be published. */
    static boolean isPermanent(Throwable error) {
        return Causes.of(error).stream().anyMatch(cause -> ErrorCategory.of(cause) == ErrorCategory.INVALID_DATA)
               || MessageRefusals.refusesTheMessage(error);
    }
}
