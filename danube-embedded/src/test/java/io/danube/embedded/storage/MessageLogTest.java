package io.danube.embedded.storage;

import com.google.protobuf.ByteString;
import io.danube.proto.MsgID;
import io.danube.proto.StreamMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class MessageLogTest {

    @TempDir
    Path dir;

    private static StreamMessage message(String payload) {
        return StreamMessage.newBuilder()
                .setMsgId(MsgID.newBuilder().setProducerId(7).setTopicName("/default/t").setTopicOffset(999))
                .setPayload(ByteString.copyFromUtf8(payload))
                .build();
    }

    @Test
    void appendStampsDenseOffsets() {
        MessageLog log = MessageLog.inMemory();
        for (int i = 0; i < 200; i++) {
            assertThat(log.append(message("m" + i)).getMsgId().getTopicOffset()).isEqualTo(i);
        }
        assertThat(log.endOffset()).isEqualTo(200);
        assertThat(log.read(150).getPayload().toStringUtf8()).isEqualTo("m150");
        assertThat(log.read(200)).isNull();
    }

    @Test
    void trimmingForgetsOldMessagesButKeepsOffsets() {
        MessageLog log = MessageLog.inMemory();
        for (int i = 0; i < 100; i++) {
            log.append(message("m" + i));
        }
        log.trimBelow(60);
        assertThat(log.read(59)).isNull();
        assertThat(log.read(60).getPayload().toStringUtf8()).isEqualTo("m60");
        log.trimBelow(500);
        assertThat(log.firstInMemoryOffset()).isEqualTo(100);
        assertThat(log.append(message("next")).getMsgId().getTopicOffset()).isEqualTo(100);
        assertThat(log.read(100).getPayload().toStringUtf8()).isEqualTo("next");
    }

    @Test
    void messagesNobodyCanReadAreNotKeptInMemory() {
        MessageLog log = MessageLog.inMemory();
        log.append(message("kept"));
        assertThat(log.append(message("unread"), false).getMsgId().getTopicOffset()).isEqualTo(1);
        assertThat(log.read(0)).isNull();
        assertThat(log.read(1)).isNull();
        assertThat(log.append(message("kept again")).getMsgId().getTopicOffset()).isEqualTo(2);
        assertThat(log.read(2).getPayload().toStringUtf8()).isEqualTo("kept again");
    }

    @Test
    void fileBackedLogRecoversFromTheRequestedOffset() throws IOException {
        Path path = dir.resolve("messages.log");
        try (MessageLog log = MessageLog.openFile(path, 0)) {
            for (int i = 0; i < 50; i++) {
                log.append(message("m" + i));
            }
        }
        try (MessageLog log = MessageLog.openFile(path, 20)) {
            assertThat(log.endOffset()).isEqualTo(50);
            assertThat(log.read(19)).isNull();
            StreamMessage twenty = log.read(20);
            assertThat(twenty.getPayload().toStringUtf8()).isEqualTo("m20");
            assertThat(twenty.getMsgId().getTopicOffset()).isEqualTo(20);
            assertThat(log.append(message("m50")).getMsgId().getTopicOffset()).isEqualTo(50);
        }
        try (MessageLog log = MessageLog.openFile(path, Long.MAX_VALUE)) {
            assertThat(log.endOffset()).isEqualTo(51);
            assertThat(log.read(50)).isNull();
            assertThat(log.append(message("m51")).getMsgId().getTopicOffset()).isEqualTo(51);
            assertThat(log.read(51)).isNotNull();
        }
    }
}
