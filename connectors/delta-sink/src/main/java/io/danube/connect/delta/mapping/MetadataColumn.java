package io.danube.connect.delta.mapping;

import io.danube.connect.api.SinkRecord;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.TimestampType;

/** The Danube metadata columns a route may add after its data columns. */
public enum MetadataColumn {
    TOPIC("danube_topic", StringType.STRING),
    PARTITION("danube_partition", StringType.STRING),
    OFFSET("danube_offset", LongType.LONG),
    PUBLISH_TIME("danube_publish_time", TimestampType.TIMESTAMP);

    private final String column;
    private final DataType type;

    MetadataColumn(String column, DataType type) {
        this.column = column;
        this.type = type;
    }

    public String column() {
        return column;
    }

    public DataType type() {
        return type;
    }

    /** The in-memory value for {@code record} (publish time in microseconds). */
    public Object valueOf(SinkRecord record) {
        return switch (this) {
            case TOPIC -> record.topic();
            case PARTITION -> record.partition();
            case OFFSET -> record.offset();
            case PUBLISH_TIME -> Math.multiplyExact(record.publishTime(), 1000L);
        };
    }

    public static boolean isMetadataColumn(String name) {
        for (MetadataColumn metadata : values()) {
            if (metadata.column.equals(name)) {
                return true;
            }
        }
        return false;
    }
}
