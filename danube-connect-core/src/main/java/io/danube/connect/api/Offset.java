package io.danube.connect.api;

import java.util.Objects;
import java.util.Optional;

/**
 * A position in the external system a source reads from, handed back to {@link SourceConnector#commit} once the broker
 * accepted the record carrying it and every record sent before it.
 *
 * @param partition the external stream the position belongs to (a file, a table, an MQTT topic); never null
 * @param value     the position within that stream
 * @param metadata  optional free text the connector needs to resume (a cursor, a file name); may be null
 */
public record Offset(String partition, long value, String metadata) {

    public Offset {
        Objects.requireNonNull(partition, "partition");
    }

    public Offset(String partition, long value) {
        this(partition, value, null);
    }

    public Optional<String> metadataValue() {
        return Optional.ofNullable(metadata);
    }
}
