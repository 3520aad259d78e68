package io.danube.connect.mqtt;

import io.danube.connect.mqtt.routing.TopicFilter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Topic filter matching per the MQTT 5 specification, §4.7. */
class TopicFilterTest {

    private static boolean matches(String filter, String topic) {
        return TopicFilter.parse(filter).matches(topic);
    }

    @Test
    void multiLevelWildcardMatchesTheParentLevelAndEverythingBelow() {
        assertThat(matches("a/#", "a")).isTrue();
        assertThat(matches("a/#", "a/b")).isTrue();
        assertThat(matches("a/#", "a/b/c")).isTrue();
        assertThat(matches("a/#", "ab")).isFalse();
        assertThat(matches("#", "anything/at/all")).isTrue();
    }

    @Test
    void singleLevelWildcardMatchesExactlyOneLevelIncludingAnEmptyOne() {
        assertThat(matches("a/+/c", "a/b/c")).isTrue();
        assertThat(matches("a/+/c", "a//c")).isTrue();
        assertThat(matches("a/+/c", "a/b/x/c")).isFalse();
        assertThat(matches("a/+", "a")).isFalse();
        assertThat(matches("+/+", "/x")).isTrue();
    }

    @Test
    void topicsStartingWithDollarAreNotMatchedByALeadingWildcard() {
        assertThat(matches("#", "$SYS/broker/load")).isFalse();
        assertThat(matches("+/broker/load", "$SYS/broker/load")).isFalse();
        assertThat(matches("$SYS/#", "$SYS/broker/load")).isTrue();
    }

    @Test
    void exactFiltersMatchOnlyTheSameTopic() {
        assertThat(matches("a/b", "a/b")).isTrue();
        assertThat(matches("a/b", "a/b/")).isFalse();
        assertThat(matches("a/b", "A/b")).isFalse();
    }

    @Test
    void sharedSubscriptionIsSubscribedAsWrittenAndMatchedOnItsFilter() {
        TopicFilter shared = TopicFilter.parse("$share/connectors/sensors/+/temp");
        assertThat(shared.isShared()).isTrue();
        assertThat(shared.subscription()).isEqualTo("$share/connectors/sensors/+/temp");
        assertThat(shared.matches("sensors/kitchen/temp")).isTrue();
        assertThat(shared.matches("$share/connectors/sensors/kitchen/temp")).isFalse();
    }

    @Test
    void malformedFiltersAreRejectedWithTheReason() {
        assertThatThrownBy(() -> TopicFilter.parse("a/#/b")).hasMessageContaining("'#'");
        assertThatThrownBy(() -> TopicFilter.parse("a/b#")).hasMessageContaining("'#'");
        assertThatThrownBy(() -> TopicFilter.parse("a/b+")).hasMessageContaining("'+'");
        assertThatThrownBy(() -> TopicFilter.parse("$share/group")).hasMessageContaining("$share/<group>/<filter>");
        assertThatThrownBy(() -> TopicFilter.parse("")).hasMessageContaining("empty");
    }
}
