package io.danube.client.schema;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class SchemaEnvelopeTest {

    private static String unwrap(String json) {
        return SchemaEnvelope.unwrap(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void avroEnvelopeYieldsRawSchema() {
        assertThat(unwrap("{\"Avro\":{\"raw_schema\":\"{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"User\\\"}\","
                + "\"fingerprint\":\"sha256:1\"}}"))
                .isEqualTo("{\"type\":\"record\",\"name\":\"User\"}");
    }

    @Test
    void jsonSchemaEnvelopeYieldsRawSchema() {
        assertThat(unwrap("{ \"JsonSchema\" : { \"fingerprint\":\"f\", \"raw_schema\":\"{\\\"type\\\":\\\"object\\\"}\" } }"))
                .isEqualTo("{\"type\":\"object\"}");
    }

    @Test
    void protobufEnvelopeYieldsRawProto() {
        assertThat(unwrap("{\"Protobuf\":{\"raw_proto\":\"syntax = \\\"proto3\\\";\\nmessage M {}\","
                + "\"message_name\":\"DefaultMessage\",\"fingerprint\":\"f\"}}"))
                .isEqualTo("syntax = \"proto3\";\nmessage M {}");
    }

    @Test
    void definitionlessTypesYieldEmptyDefinition() {
        assertThat(unwrap("\"Bytes\"")).isEmpty();
        assertThat(unwrap("\"String\"")).isEmpty();
        assertThat(unwrap("\"Number\"")).isEmpty();
    }

    @Test
    void escapesAreDecodedIncludingUnicode() {
        assertThat(unwrap("{\"Avro\":{\"raw_schema\":\"tab\\there \\u00e9\\u20ac slash\\/ back\\\\\"}}"))
                .isEqualTo("tab\there é€ slash/ back\\");
    }

    @Test
    void textThatIsNotAnEnvelopeIsReturnedUnchanged() {
        assertThat(unwrap("syntax = \"proto3\";")).isEqualTo("syntax = \"proto3\";");
        assertThat(unwrap("{\"type\":\"object\",\"properties\":{}}")).isEqualTo("{\"type\":\"object\",\"properties\":{}}");
    }
}
