package io.danube.connect.runtime.sink;

import io.danube.camel.DanubeConstants;
import io.danube.client.message.MessageId;
import io.danube.connect.api.ConsumerConfig;
import io.danube.connect.api.SchemaRef;
import io.danube.connect.api.SinkRecord;
import org.apache.camel.Message;

import java.util.LinkedHashMap;
import java.util.Map;

/** Turns an exchange from a {@code danube:} consumer into a {@link SinkRecord}, keeping the payload bytes as they are. */
final class SinkRecords {

    private SinkRecords() {
    }

    static SinkRecord from(ConsumerConfig consumer, Message message) {
        String topic = consumer.topic();
        String subscription = consumer.subscription();
        MessageId id = message.getHeader(DanubeConstants.MESSAGE_ID, MessageId.class);
        Long schemaId = message.getHeader(DanubeConstants.SCHEMA_ID, Long.class);
        Integer schemaVersion = message.getHeader(DanubeConstants.SCHEMA_VERSION, Integer.class);
        Map<String, String> attributes = new LinkedHashMap<>();
        message.getHeaders().forEach((name, value) -> {
            if (!name.startsWith("Camel") && value instanceof String text) {
                attributes.put(name, text);
            }
        });
        byte[] payload = message.getBody(byte[].class);
        return new SinkRecord(
                subscription,
                topic,
                message.getHeader(DanubeConstants.PARTITION_TOPIC, topic, String.class),
                id == null ? null : id.topic() + "#" + id.producerId() + "@" + id.offset(),
                id == null ? -1 : id.offset(),
                message.getHeader(DanubeConstants.PUBLISH_TIME, 0L, Long.class),
                message.getHeader(DanubeConstants.PRODUCER_NAME, String.class),
                message.getHeader(DanubeConstants.ROUTING_KEY, String.class),
                attributes,
                schemaId == null ? null : new SchemaRef(schemaId, schemaVersion == null ? 0 : schemaVersion),
                payload == null ? new byte[0] : payload);
    }
}
