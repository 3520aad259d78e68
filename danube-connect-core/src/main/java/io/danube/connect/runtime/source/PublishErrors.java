package io.danube.connect.runtime.source;

import io.danube.client.error.DanubeRpcException;
import io.danube.client.error.PayloadTooLargeException;
import io.danube.client.error.SchemaResolutionException;
import io.danube.connect.api.ErrorCategory;
import io.grpc.Status;

import java.util.Set;

/**
 * The one classification of publish failures of every source: a <em>permanent</em> failure can never succeed for
 * this record (over the broker's size limit, refused by the schema registry, a status such as
 * {@code INVALID_ARGUMENT}, a record the connector marked as invalid data), so the record goes to the dead-letter
 * topic; anything else is <em>retryable</em> (the broker down or busy, a timeout, an unknown error) and is retried.
 */
final class PublishErrors {

    /** Statuses that describe the request itself, so sending it again gets the same answer. */
    private static final Set<Status.Code> PERMANENT_STATUSES = Set.of(Status.Code.INVALID_ARGUMENT,
            Status.Code.OUT_OF_RANGE, Status.Code.FAILED_PRECONDITION);

    /** How Danube words the refusal of a message that does not match its topic's schema. */
    private static final String PUBLISH_REFUSED = "Unable to publish the message";

    private PublishErrors() {
    }

    /**
     * Danube refuses a message its topic's schema policy rejects with {@code PERMISSION_DENIED} and this wording; the
     * same status for a missing permission stays retryable (an operator can grant it), hence the check of the text.
     */
    private static boolean isSchemaValidationRefusal(Status status) {
        return status.getCode() == Status.Code.PERMISSION_DENIED && status.getDescription() != null
               && status.getDescription().startsWith(PUBLISH_REFUSED);
    }

    /** Whether {@code error} or one of its causes says this record can never be published. */
    static boolean isPermanent(Throwable error) {
        boolean schemaRefused = false;
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof PayloadTooLargeException || ErrorCategory.of(cause) == ErrorCategory.INVALID_DATA) {
                return true;
            }
            if (cause instanceof DanubeRpcException rpc) {
                // a schema lookup that failed because the registry was unreachable is retried; a refusal is not
                return PERMANENT_STATUSES.contains(rpc.code()) || schemaRefused && rpc.code() == Status.Code.NOT_FOUND
                       || isSchemaValidationRefusal(rpc.status());
            }
            schemaRefused |= cause instanceof SchemaResolutionException;
        }
        return schemaRefused;
    }
}
