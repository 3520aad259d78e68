package io.danube.connect.mqtt;

import io.danube.connect.mqtt.session.AckSequencer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Acknowledgements leave in arrival order, whatever order Danube accepts the messages in, and a redelivery in a
 * resumed session joins the first copy instead of being published again.
 */
class AckSequencerTest {

    private final List<Integer> acked = new ArrayList<>();
    private final AckSequencer acks = new AckSequencer((id, qos) -> acked.add(id));

    private AckSequencer.Delivery arrive(int messageId) {
        return arrive(messageId, "m-" + messageId);
    }

    private AckSequencer.Delivery arrive(int messageId, String payload) {
        return acks.register(messageId, 1, "devices/1", payload.getBytes(StandardCharsets.UTF_8));
    }

    private void reconnect(boolean sessionPresent) {
        acks.connectionLost();
        acks.connected(sessionPresent);
    }

    @Test
    void aCompletedMessageWaitsForEveryEarlierOne() {
        AckSequencer.Delivery first = arrive(1);
        AckSequencer.Delivery second = arrive(2);
        AckSequencer.Delivery third = arrive(3);

        acks.complete(third);
        acks.complete(second);
        assertThat(acked).isEmpty();

        acks.complete(first);
        assertThat(acked).containsExactly(1, 2, 3);
        assertThat(acks.pending()).isZero();
    }

    @Test
    void qosZeroMessagesNeedNoAcknowledgementAndBlockNothing() {
        AckSequencer.Delivery atMostOnce = acks.register(0, 0, "devices/1", new byte[0]);
        AckSequencer.Delivery atLeastOnce = arrive(7);

        acks.complete(atLeastOnce);

        assertThat(acked).containsExactly(7);
        acks.complete(atMostOnce);
        assertThat(acked).containsExactly(7);
    }

    @Test
    void aRedeliveryInAResumedSessionJoinsTheFirstCopyAndIsAcknowledgedOnceThatIsStored() {
        AckSequencer.Delivery first = arrive(5);
        reconnect(true);
        AckSequencer.Delivery redelivered = arrive(5);

        assertThat(redelivered.joinedAnEarlierDelivery()).isTrue();
        assertThat(acked).isEmpty();
        acks.complete(first);
        assertThat(acked).containsExactly(5);
        assertThat(acks.joinedRedeliveries()).isEqualTo(1);
    }

    @Test
    void aRedeliveryOfAStoredMessageWaitsOnlyForTheMessagesRedeliveredBeforeIt() {
        AckSequencer.Delivery first = arrive(4);
        AckSequencer.Delivery second = arrive(5);
        acks.complete(second);
        reconnect(true);

        arrive(4);
        arrive(5);
        assertThat(acked).isEmpty();
        acks.complete(first);

        assertThat(acked).containsExactly(4, 5);
        assertThat(acks.pending()).isZero();
    }

    @Test
    void aRedeliveryJoinsAcrossSeveralReconnects() {
        AckSequencer.Delivery first = arrive(9);
        reconnect(true);
        arrive(9);
        reconnect(true);
        AckSequencer.Delivery third = arrive(9);

        assertThat(third.joinedAnEarlierDelivery()).isTrue();
        acks.complete(first);
        assertThat(acked).containsExactly(9);
    }

    @Test
    void aMessageReusingACarriedIdentifierWithAnotherPayloadIsItsOwnDelivery() {
        arrive(5, "first");
        reconnect(true);

        AckSequencer.Delivery other = arrive(5, "second");

        assertThat(other.joinedAnEarlierDelivery()).isFalse();
    }

    @Test
    void afterTheBrokerLostTheSessionNothingJoinsAndOldDeliveriesAreNeverAcknowledged() {
        AckSequencer.Delivery beforeDrop = arrive(5);
        reconnect(false);
        AckSequencer.Delivery sameLooking = arrive(5);

        assertThat(sameLooking.joinedAnEarlierDelivery()).isFalse();
        acks.complete(beforeDrop);
        assertThat(acked).isEmpty();
        acks.complete(sameLooking);
        assertThat(acked).containsExactly(5);
    }
}
