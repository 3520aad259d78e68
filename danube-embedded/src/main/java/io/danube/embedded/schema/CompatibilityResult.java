package io.danube.embedded.schema;

import java.util.List;

/** Outcome of a compatibility check; {@code errors} explains every violation found. */
record CompatibilityResult(boolean compatible, List<String> errors) {

    private static final CompatibilityResult COMPATIBLE = new CompatibilityResult(true, List.of());

    public CompatibilityResult {
        errors = List.copyOf(errors);
    }

    static CompatibilityResult ok() {
        return COMPATIBLE;
    }

    static CompatibilityResult of(List<String> errors) {
        return errors.isEmpty() ? COMPATIBLE : new CompatibilityResult(false, errors);
    }
}
