package io.danube.connect.demo.traffic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class SensorReadingsTest {

    private final SensorReadings readings = new SensorReadings("sensors/demo-x", new Random(7));

    @Test
    void aReadingIsAFlatJsonObjectOnItsSensorsTopic() throws Exception {
        SensorReadings.Reading reading = readings.next(3);

        JsonNode json = new ObjectMapper().readTree(reading.json());
        assertThat(reading.topic()).isEqualTo("sensors/demo-x/sensor-4");
        assertThat(json.get("device").asText()).isEqualTo("sensor-4");
        assertThat(json.get("seq").asLong()).isEqualTo(3);
        assertThat(json.get("temperature").isNumber()).isTrue();
        assertThat(json.get("humidity").isNumber()).isTrue();
        assertThat(json.get("ts").asText()).isNotBlank();
        json.fields().forEachRemaining(field -> assertThat(field.getValue().isValueNode()).isTrue());
    }

    @Test
    void theManualReadingHasTheShapeOfTheOthers() throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode manual = json.readTree(readings.manual().json());
        JsonNode generated = json.readTree(readings.next(1).json());

        assertThat(manual.get("device").asText()).isEqualTo("manual");
        assertThat(manual.fieldNames()).toIterable().containsExactlyElementsOf(generated::fieldNames);
    }

    @Test
    void theFilterMatchesEverySensor() {
        assertThat(readings.filter()).isEqualTo("sensors/demo-x/#");
    }
}
