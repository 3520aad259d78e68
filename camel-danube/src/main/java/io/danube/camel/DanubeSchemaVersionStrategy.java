package io.danube.camel;

import io.danube.client.schema.SchemaReference;

/** Which registered version of the producer's schema subject is stamped on outgoing messages. */
public enum DanubeSchemaVersionStrategy {

    /** The newest version registered when the producer starts. */
    Latest,
    /** Exactly the configured {@code schemaVersion}, which must exist. */
    Pinned,
    /** The newest version, provided it is at least the configured {@code schemaVersion}. */
    Minimum;

    /** The client-side reference for {@code subject}; {@code version} is ignored by {@link #Latest}. */
    public SchemaReference reference(String subject, int version) {
        return switch (this) {
            case Latest -> SchemaReference.latest(subject);
            case Pinned -> SchemaReference.pinned(subject, version);
            case Minimum -> SchemaReference.minimum(subject, version);
        };
    }
}
