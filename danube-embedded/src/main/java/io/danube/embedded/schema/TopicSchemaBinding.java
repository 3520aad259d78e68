package io.danube.embedded.schema;

import java.util.Objects;

/**
 * The schema configuration of one topic: its subject, validation policy and whether payloads are checked.
 * A topic without a binding has no subject and the default policy {@link ValidationPolicy#DEFAULT}.
 */
public record TopicSchemaBinding(String subject, ValidationPolicy policy, boolean payloadValidation) {

    public TopicSchemaBinding {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(policy, "policy");
    }

    static TopicSchemaBinding withDefaultPolicy(String subject) {
        return new TopicSchemaBinding(subject, ValidationPolicy.DEFAULT, false);
    }
}
