package io.danube.embedded.schema;

import java.util.Locale;
import java.util.Optional;

/** How strictly a topic checks the schema fields of published messages. */
public enum ValidationPolicy {
    NONE,
    WARN,
    ENFORCE;

    /** Policy of a topic that has no stored schema configuration (the real broker's in-memory default). */
    public static final ValidationPolicy DEFAULT = WARN;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ValidationPolicy> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "none" -> Optional.of(NONE);
            case "warn" -> Optional.of(WARN);
            case "enforce" -> Optional.of(ENFORCE);
            default -> Optional.empty();
        };
    }
}
