package io.danube.client.error;

import io.grpc.Status;

import java.util.Set;

/**
 * Which send failures are about the message itself rather than the producer or the broker's availability: over the
 * size limit, refused by the topic's schema, or answered with a status that describes the request
 * ({@code INVALID_ARGUMENT}, {@code OUT_OF_RANGE}, {@code FAILED_PRECONDITION}). Sending such a message again gets the
 * same answer, and the failure says nothing about the health of the producer that sent it. Everything else (the
 * broker down or busy, a timeout, an unknown error) may succeed on a later attempt.
 */
public final class MessageRefusals {

    /** Statuses that describe the request itself, so sending it again gets the same answer. */
    private static final Set<Status.Code> REQUEST_STATUSES = Set.of(Status.Code.INVALID_ARGUMENT,
            Status.Code.OUT_OF_RANGE, Status.Code.FAILED_PRECONDITION);

    /** How Danube words the refusal of a message that does not match its topic's schema. */
    private static final String PUBLISH_REFUSED = "Unable to publish the message";

    private MessageRefusals() {
    }

    /** Whether {@code error} or one of its causes says this message can never be sent as it is. */
    public static boolean refusesTheMessage(Throwable error) {
        if (exceedsTheSizeLimit(error)) {
            return true;
        }
        boolean schemaRefused = false;
        for (Throwable cause : Causes.of(error)) {
            if (cause instanceof DanubeRpcException rpc) {
                // a schema lookup that failed because the registry was unreachable may succeed later; a refusal not
                return REQUEST_STATUSES.contains(rpc.code()) || schemaRefused && rpc.code() == Status.Code.NOT_FOUND
                       || isSchemaValidationRefusal(rpc.status());
            }
            schemaRefused |= cause instanceof SchemaResolutionException;
        }
        return schemaRefused;
    }

    /** Whether {@code error} or one of its causes says the message is over the size limit (no topic can take it). */
    public static boolean exceedsTheSizeLimit(Throwable error) {
        return Causes.find(error, PayloadTooLargeException.class).isPresent();
    }

    /**
     * Danube refuses a message its topic's schema policy rejects with {@code PERMISSION_DENIED} and this wording; the
     * same status for a missing permission may succeed later (an operator can grant it), hence the check of the text.
     */
    private static boolean isSchemaValidationRefusal(Status status) {
        return status.getCode() == Status.Code.PERMISSION_DENIED && status.getDescription() != null
               && status.getDescription().startsWith(PUBLISH_REFUSED);
    }
}
