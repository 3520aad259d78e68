package io.danube.connect.mqtt;

import io.danube.connect.mqtt.session.AckSequencer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Acknowledgements leave in arrival order, whatever order Danube accepts the messages in. */
class AckSequencerTest {

    private final List<Integer> acked = new ArrayList<>();
    private final AckSequencer acks = new AckSequencer((id, qos) -> acked.add(id));

    @Test
    void aCompletedMessageWaitsForEveryEarlierOne() {
        AckSequencer.Delivery first = acks.register(1, 1);
        AckSequencer.Delivery second = acks.register(2, 1);
        AckSequencer.Delivery third = acks.register(3, 1);

        acks.complete(third);
        acks.complete(second);
        assertThat(acked).isEmpty();

        acks.complete(first);
        assertThat(acked).containsExactly(1, 2, 3);
        assertThat(acks.pending()).isZero();
    }

    @Test
    void qosZeroMessagesNeedNoAcknowledgementAndBlockNothing() {
        AckSequencer.Delivery atMostOnce = acks.register(0, 0);
        AckSequencer.Delivery atLeastOnce = acks.register(7, 1);

        acks.complete(atLeastOnce);

        assertThat(acked).containsExactly(7);
        acks.complete(atMostOnce);
        assertThat(acked).containsExactly(7);
    }

    @Test
    void deliveriesOfALostConnectionAreNeverAcknowledged() {
        AckSequencer.Delivery beforeDrop = acks.register(5, 1);
        acks.connectionLost();
        AckSequencer.Delivery redelivered = acks.register(5, 1);

        acks.complete(beforeDrop);
        assertThat(acked).isEmpty();
        acks.complete(redelivered);
        assertThat(acked).containsExactly(5);
    }
}
