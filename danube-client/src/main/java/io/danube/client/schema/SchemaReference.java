package io.danube.client.schema;

import java.util.Objects;

/**
 * A producer's schema: a registry subject plus which version to stamp on messages. Resolved once when the producer
 * is created: {@link #latest} uses the newest version, {@link #pinned} exactly version {@code v} (which must exist),
 * {@link #minimum} the newest version provided it is at least {@code v}.
 */
public record SchemaReference(String subject, Selector selector, int version) {

    /** How the version is chosen. */
    public enum Selector { LATEST, PINNED, MINIMUM }

    public SchemaReference {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(selector, "selector");
        if (selector != Selector.LATEST && version < 1) {
            throw new IllegalArgumentException("schema versions start at 1: " + version);
        }
    }

    public static SchemaReference latest(String subject) {
        return new SchemaReference(subject, Selector.LATEST, 0);
    }

    public static SchemaReference pinned(String subject, int version) {
        return new SchemaReference(subject, Selector.PINNED, version);
    }

    public static SchemaReference minimum(String subject, int version) {
        return new SchemaReference(subject, Selector.MINIMUM, version);
    }
}
