package io.danube.client.schema;

import java.util.List;

/** Outcome of a compatibility check; {@code errors} explains an incompatibility. */
public record CompatibilityResult(boolean compatible, List<String> errors) {

    public CompatibilityResult {
        errors = List.copyOf(errors);
    }
}
