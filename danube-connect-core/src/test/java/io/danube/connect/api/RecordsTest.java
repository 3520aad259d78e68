package io.danube.connect.api;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordsTest {

    record Reading(String sensor, double value) {
    }

    private static SinkRecord sinkRecord(byte[] payload) {
        return new SinkRecord("readers", "/iot/readings", "/iot/readings-part-1", "id", 7, 1_000, "writer", null,
                Map.of(), null, payload);
    }

    @Test
    void aConsumedRecordsPositionIsItsSubscriptionPartitionTopicAndOffset() {
        assertThat(sinkRecord(new byte[0]).position())
                .isEqualTo(new DanubePosition("readers", "/iot/readings-part-1", 7));
    }

    @Test
    void aRecordWithoutSubscriptionHasNoPosition() {
        SinkRecord made = new SinkRecord(null, "/iot/readings", "/iot/readings", null, -1, 0, null, null, Map.of(),
                null, new byte[0]);

        assertThatThrownBy(made::position).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not consumed from a subscription");
    }

    @Test
    void fromJsonSerialisesTheValueAsJson() {
        SourceRecord record = SourceRecord.fromJson("/iot/readings", new Reading("s1", 2.5));

        assertThat(new String(record.payload(), StandardCharsets.UTF_8)).isEqualTo("{\"sensor\":\"s1\",\"value\":2.5}");
    }

    @Test
    void fromBytesAndFromStringKeepThePayloadExactly() {
        byte[] raw = {0, (byte) 0xff, 10};

        assertThat(SourceRecord.fromBytes("/a/b", raw).payload()).containsExactly(0, 0xff, 10);
        assertThat(SourceRecord.fromString("/a/b", "héllo").payload())
                .isEqualTo("héllo".getBytes(StandardCharsets.UTF_8));
        assertThat(SourceRecord.fromNumber("/a/b", 42).payload()).isEqualTo("42".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void withMethodsReturnModifiedCopiesAndLeaveTheOriginalAlone() {
        SourceRecord original = SourceRecord.fromString("/a/b", "x");

        SourceRecord changed = original.withAttribute("k", "v").withKey("key").withOffset(new Offset("p", 3))
                .withTopic("/a/c");

        assertThat(original.attributes()).isEmpty();
        assertThat(original.key()).isEmpty();
        assertThat(changed.attributes()).containsEntry("k", "v");
        assertThat(changed.key()).contains("key");
        assertThat(changed.offset()).contains(new Offset("p", 3));
        assertThat(changed.topic()).isEqualTo("/a/c");
    }

    @Test
    void payloadJsonDecodesIntoTheRequestedType() {
        SinkRecord record = sinkRecord("{\"sensor\":\"s1\",\"value\":2.5}".getBytes(StandardCharsets.UTF_8));

        assertThat(record.payloadJson(Reading.class)).isEqualTo(new Reading("s1", 2.5));
    }

    @Test
    void undecodablePayloadsRaiseInvalidDataWithTheRecordsPosition() {
        SinkRecord notJson = sinkRecord("not json".getBytes(StandardCharsets.UTF_8));
        SinkRecord notUtf8 = sinkRecord(new byte[] {(byte) 0xc3, (byte) 0x28});

        assertThatThrownBy(() -> notJson.payloadJson(Reading.class))
                .isInstanceOf(InvalidDataException.class)
                .satisfies(e -> assertThat(((InvalidDataException) e).context())
                        .containsEntry("partition", "/iot/readings-part-1").containsEntry("offset", "7"));
        assertThatThrownBy(notUtf8::payloadString).isInstanceOf(InvalidDataException.class);
    }

    @Test
    void aJsonValueFollowedByMoreContentIsInvalidData() {
        SinkRecord trailing = sinkRecord("{\"sensor\":\"s1\",\"value\":2.5} trailing".getBytes(StandardCharsets.UTF_8));
        SinkRecord twoValues = sinkRecord("{\"sensor\":\"s1\",\"value\":2.5}{}".getBytes(StandardCharsets.UTF_8));
        SinkRecord trailingSpace = sinkRecord("{\"sensor\":\"s1\",\"value\":2.5}\n ".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> trailing.payloadJson(Reading.class)).isInstanceOf(InvalidDataException.class);
        assertThatThrownBy(() -> twoValues.payloadJson(Reading.class)).isInstanceOf(InvalidDataException.class);
        assertThat(trailingSpace.payloadJson(Reading.class)).isEqualTo(new Reading("s1", 2.5));
    }

    @Test
    void unknownExceptionsCountAsRetryable() {
        assertThat(ErrorCategory.of(new IllegalStateException())).isEqualTo(ErrorCategory.RETRYABLE);
        assertThat(ErrorCategory.of(new InvalidDataException("x"))).isEqualTo(ErrorCategory.INVALID_DATA);
        assertThat(ErrorCategory.of(new FatalException("x"))).isEqualTo(ErrorCategory.FATAL);
        assertThat(ErrorCategory.INVALID_DATA.label()).isEqualTo("invalid_data");
    }
}
