package io.danube.connect.clickhouse.mapping;

import com.fasterxml.jackson.core.JsonGenerator;
import io.danube.connect.api.SinkRecord;

import java.io.IOException;

/**
 * The Danube metadata a route may write next to the payload ({@code metadata_columns = true}). The publish time is a
 * DateTime (second precision: ClickHouse 18.16 has no DateTime64).
 */
public enum MetadataField {
    TOPIC("danube_topic", "String"),
    OFFSET("danube_offset", "UInt64"),
    PUBLISH_TIME("danube_publish_time", "DateTime"),
    PRODUCER("danube_producer", "String");

    private final String column;
    private final String type;

    MetadataField(String column, String type) {
        this.column = column;
        this.type = type;
    }

    public String column() {
        return column;
    }

    /** The ClickHouse type of a created column. */
    public String type() {
        return type;
    }

    /** Writes the field and value for {@code record}; the topic is the partition topic the message came from. */
    public void write(SinkRecord record, JsonGenerator out) throws IOException {
        out.writeFieldName(column);
        switch (this) {
            case TOPIC -> out.writeString(record.partition());
            case OFFSET -> out.writeNumber(record.offset());
            case PUBLISH_TIME -> out.writeNumber(Math.floorDiv(record.publishTime(), 1000));
            case PRODUCER -> out.writeString(record.producerName() == null ? "" : record.producerName());
        }
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
