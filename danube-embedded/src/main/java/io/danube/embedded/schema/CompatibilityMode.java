package io.danube.embedded.schema;

import java.util.Locale;
import java.util.Optional;

/** Subject-level schema evolution rule, checked against the latest version only. */
public enum CompatibilityMode {
    NONE,
    BACKWARD,
    FORWARD,
    FULL;

    public static final CompatibilityMode DEFAULT = BACKWARD;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Case-insensitive parse; empty for anything but none, backward, forward and full. */
    public static Optional<CompatibilityMode> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "none" -> Optional.of(NONE);
            case "backward" -> Optional.of(BACKWARD);
            case "forward" -> Optional.of(FORWARD);
            case "full" -> Optional.of(FULL);
            default -> Optional.empty();
        };
    }
}
