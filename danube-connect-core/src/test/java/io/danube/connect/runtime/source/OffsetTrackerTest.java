package io.danube.connect.runtime.source;

import io.danube.connect.api.Offset;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OffsetTrackerTest {

    @Test
    void offsetsAreReleasedOnlyOnceEveryEarlierRecordWasAccepted() {
        OffsetTracker tracker = new OffsetTracker();
        long first = tracker.register(new Offset("p", 1));
        long second = tracker.register(new Offset("p", 2));
        long third = tracker.register(new Offset("p", 3));

        assertThat(tracker.accepted(third)).isEmpty();
        assertThat(tracker.accepted(second)).isEmpty();
        assertThat(tracker.accepted(first)).containsExactly(new Offset("p", 1), new Offset("p", 2),
                new Offset("p", 3));
        assertThat(tracker.pending()).isZero();
    }

    @Test
    void recordsWithoutOffsetsStillHoldBackLaterOffsets() {
        OffsetTracker tracker = new OffsetTracker();
        long unkeyed = tracker.register(null);
        long keyed = tracker.register(new Offset("p", 9));

        assertThat(tracker.accepted(keyed)).isEmpty();
        assertThat(tracker.accepted(unkeyed)).containsExactly(new Offset("p", 9));
    }
}
