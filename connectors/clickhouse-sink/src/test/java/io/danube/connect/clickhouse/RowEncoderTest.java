package io.danube.connect.clickhouse;

import io.danube.connect.api.InvalidDataException;
import io.danube.connect.api.SinkRecord;
import io.danube.connect.clickhouse.mapping.ColumnSpec;
import io.danube.connect.clickhouse.mapping.ColumnType;
import io.danube.connect.config.FieldPath;
import io.danube.connect.clickhouse.mapping.RowEncoder;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RowEncoderTest {

    private static SinkRecord record(String payload) {
        return new SinkRecord("encoder", "/default/t", "/default/t", "m-7", 7, 1_780_000_000_123L, "writer", null, Map.of(),
                null, payload.getBytes(StandardCharsets.UTF_8));
    }

    private static ColumnSpec column(String name, String type, boolean required) {
        return new ColumnSpec(name, ColumnType.parse("type", type), FieldPath.parse("field", "$." + name),
                required);
    }

    private static String encode(RowEncoder encoder, String payload) {
        return new String(encoder.encode(record(payload)), StandardCharsets.UTF_8);
    }

    @Test
    void automaticMappingDropsNullsTurnsBooleansIntoNumbersAndObjectsIntoJsonText() {
        RowEncoder encoder = new RowEncoder("t", List.of(), false);

        assertThat(encode(encoder, "{\"a\":null,\"b\":true,\"c\":{\"x\":1},\"d\":[1,2],\"e\":\"s\"}"))
                .isEqualTo("{\"b\":1,\"c\":\"{\\\"x\\\":1}\",\"d\":[1,2],\"e\":\"s\"}");
    }

    @Test
    void aFlatSingleLineObjectIsSentAsItIsWithTheMetadataAppended() {
        assertThat(encode(new RowEncoder("t", List.of(), false), "{\"a\": 1, \"b\":[true]}"))
                .isEqualTo("{\"a\": 1, \"b\":[true]}");
        assertThat(encode(new RowEncoder("t", List.of(), true), "{\"a\":\"}\"} "))
                .isEqualTo("{\"a\":\"}\",\"danube_topic\":\"/default/t\",\"danube_offset\":7,"
                           + "\"danube_publish_time\":1780000000,\"danube_producer\":\"writer\"}");
        assertThat(encode(new RowEncoder("t", List.of(), true), "{}")).startsWith("{\"danube_topic\":");
    }

    @Test
    void aMultiLineObjectIsWrittenAgainOnOneLine() {
        assertThat(encode(new RowEncoder("t", List.of(), false), "{\n  \"a\": 1\n}")).isEqualTo("{\"a\":1}");
    }

    @Test
    void metadataColumnsAreAppendedAndWinOverPayloadKeysOfTheSameName() {
        RowEncoder encoder = new RowEncoder("t", List.of(), true);

        assertThat(encode(encoder, "{\"v\":1,\"danube_offset\":99}")).isEqualTo("{\"v\":1,\"danube_topic\":"
                + "\"/default/t\",\"danube_offset\":7,\"danube_publish_time\":1780000000,\"danube_producer\":"
                + "\"writer\"}");
    }

    @Test
    void explicitColumnsConvertToTheirTypes() {
        RowEncoder encoder = new RowEncoder("t", List.of(column("n", "UInt8", false), column("at", "DateTime",
                false), column("ms", "DateTime", false), column("d", "Decimal(10, 2)", false),
                column("missing", "Nullable(String)", false), column("skipped", "String", false)), false);

        assertThat(encode(encoder, "{\"n\":\"200\",\"at\":\"2026-05-01T10:00:00+02:00\",\"ms\":1780000000999,"
                                   + "\"d\":\"12.50\"}"))
                .isEqualTo("{\"n\":200,\"at\":1777622400,\"ms\":1780000000,\"d\":12.50,\"missing\":null}");
    }

    @Test
    void aValueOutsideItsIntegerRangeRejectsTheRowNamingTheColumnAndTable() {
        RowEncoder encoder = new RowEncoder("t", List.of(column("n", "UInt8", false)), false);

        assertThatThrownBy(() -> encoder.encode(record("{\"n\":256}"))).isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("column n (UInt8)").hasMessageContaining("out of the range");
    }

    @Test
    void aMissingRequiredFieldRejectsTheRow() {
        RowEncoder encoder = new RowEncoder("t", List.of(column("id", "UInt64", true)), false);

        assertThatThrownBy(() -> encoder.encode(record("{\"other\":1}"))).isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("required field $.id");
    }

    @Test
    void automaticMappingNeedsAJsonObject() {
        RowEncoder encoder = new RowEncoder("t", List.of(), false);

        assertThatThrownBy(() -> encoder.encode(record("[1,2]"))).isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("needs a JSON object");
    }
}
