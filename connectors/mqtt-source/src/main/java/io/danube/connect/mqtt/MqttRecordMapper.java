package io.danube.connect.mqtt;

import io.danube.connect.api.SourceRecord;
import io.danube.connect.mqtt.routing.Route;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One MQTT message as a Danube record: the payload bytes as they are; with {@code include_metadata} the attributes
 * {@code mqtt.topic}, {@code mqtt.qos}, {@code mqtt.retain}, {@code mqtt.dup}, {@code source = mqtt}, the MQTT 5
 * {@code mqtt.content_type} and {@code mqtt.response_topic} when present, and every user property under its own name
 * (repeated names joined with commas); the routing key from the route.
 */
final class MqttRecordMapper {

    private final boolean includeMetadata;

    MqttRecordMapper(boolean includeMetadata) {
        this.includeMetadata = includeMetadata;
    }

    SourceRecord toRecord(Route route, String topic, MqttMessage message) {
        Map<String, String> userProperties = userProperties(message.getProperties());
        SourceRecord record = SourceRecord.fromBytes(route.danubeTopic(), message.getPayload());
        if (includeMetadata) {
            Map<String, String> attributes = new LinkedHashMap<>(userProperties);
            attributes.put("mqtt.topic", topic);
            attributes.put("mqtt.qos", Integer.toString(message.getQos()));
            attributes.put("mqtt.retain", Boolean.toString(message.isRetained()));
            attributes.put("mqtt.dup", Boolean.toString(message.isDuplicate()));
            attributes.put("source", "mqtt");
            MqttProperties properties = message.getProperties();
            if (properties != null && properties.getContentType() != null) {
                attributes.put("mqtt.content_type", properties.getContentType());
            }
            if (properties != null && properties.getResponseTopic() != null) {
                attributes.put("mqtt.response_topic", properties.getResponseTopic());
            }
            record = record.withAttributes(attributes);
        }
        return route.key().keyFor(topic, userProperties).map(record::withKey).orElse(record);
    }

    private static Map<String, String> userProperties(MqttProperties properties) {
        Map<String, String> values = new LinkedHashMap<>();
        List<UserProperty> list = properties == null ? null : properties.getUserProperties();
        if (list != null) {
            for (UserProperty property : list) {
                values.merge(property.getKey(), property.getValue(), (first, next) -> first + "," + next);
            }
        }
        return values;
    }
}
