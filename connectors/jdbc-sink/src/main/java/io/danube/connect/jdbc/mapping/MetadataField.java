package io.danube.connect.jdbc.mapping;

import io.danube.connect.api.SinkRecord;

import java.time.Instant;
import java.time.ZoneOffset;

/** The Danube metadata a route may write next to the payload fields ({@code metadata_columns = true}). */
public enum MetadataField {
    TOPIC("danube_topic", ColumnType.TEXT),
    OFFSET("danube_offset", ColumnType.BIGINT),
    PUBLISH_TIME("danube_publish_time", ColumnType.TIMESTAMP),
    PRODUCER("danube_producer", ColumnType.TEXT);

    private final String column;
    private final ColumnType type;

    MetadataField(String column, ColumnType type) {
        this.column = column;
        this.type = type;
    }

    public String column() {
        return column;
    }

    public ColumnType type() {
        return type;
    }

    /** The value for {@code record}; the topic is the partition topic the message came from. */
    public Object valueOf(SinkRecord record) {
        return switch (this) {
            case TOPIC -> record.partition();
            case OFFSET -> record.offset();
            case PUBLISH_TIME -> Instant.ofEpochMilli(record.publishTime()).atOffset(ZoneOffset.UTC);
            case PRODUCER -> record.producerName();
        };
    }

    public static boolean isMetadataColumn(String column) {
        for (MetadataField field : values()) {
            if (field.column.equals(column)) {
                return true;
            }
        }
        return false;
    }
}
