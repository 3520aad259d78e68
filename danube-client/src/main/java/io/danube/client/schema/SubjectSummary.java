package io.danube.client.schema;

import java.util.List;

/** A registered subject and its latest version. */
public record SubjectSummary(String subject, String schemaType, int latestVersion, String compatibilityMode,
                             long schemaId, List<String> tags) {

    public SubjectSummary {
        tags = List.copyOf(tags);
    }
}
