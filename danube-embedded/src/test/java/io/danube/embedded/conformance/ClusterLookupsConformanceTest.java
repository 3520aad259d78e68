package io.danube.embedded.conformance;

import io.danube.embedded.support.BrokerFixture;
import io.danube.embedded.support.Receiver;
import io.danube.proto.ConsumerRequest.SubscriptionType;
import io.danube.proto.TopicLookupRequest;
import io.danube.proto.TopicLookupResponse;
import io.grpc.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.danube.embedded.conformance.StatusAssertions.assertStatus;
import static org.assertj.core.api.Assertions.assertThat;

/** Opt-in "cluster lookups": the redo-the-lookup UNAVAILABLE a clustered broker gives while it assigns a topic. */
class ClusterLookupsConformanceTest {

    private final BrokerFixture danube = BrokerFixture.start(BrokerFixture.fastConfig().clusterLookups(true).build());

    @AfterEach
    void stop() {
        danube.close();
    }

    @Test
    @DisplayName("the first CreateProducer on a new topic creates it but answers UNAVAILABLE; the retry succeeds")
    void firstCreateProducerOnNewTopicAsksForANewLookup() {
        assertStatus(Status.Code.UNAVAILABLE, () -> danube.createProducer("/default/assigned", "p", true));

        assertThat(danube.discovery.topicLookup(TopicLookupRequest.newBuilder().setTopic("/default/assigned").build())
                .getResponseType()).isEqualTo(TopicLookupResponse.LookupType.Connect);
        assertThat(danube.createProducer("/default/assigned", "p", true)).isNotZero();
        assertThat(danube.createProducer("/default/assigned", "q", true)).isNotZero();
    }

    @Test
    @DisplayName("the first Subscribe on a new topic answers UNAVAILABLE; the retry subscribes and receives")
    void firstSubscribeOnNewTopicAsksForANewLookup() {
        assertStatus(Status.Code.UNAVAILABLE, () -> danube.createProducer("/default/fresh", "p", false));
        long producer = danube.createProducer("/default/fresh", "p", false);

        assertStatus(Status.Code.UNAVAILABLE,
                () -> danube.subscribe("/default/fresh", "s", "c", SubscriptionType.Exclusive));
        Receiver receiver = danube.receive(danube.subscribe("/default/fresh", "s", "c", SubscriptionType.Exclusive));
        assertThat(danube.subscribe("/default/fresh", "other", "c", SubscriptionType.Exclusive)).isNotZero();
        danube.send(BrokerFixture.message(producer, "/default/fresh", "p", 1, "after the lookups"));

        assertThat(receiver.take(1, Duration.ofSeconds(5))).extracting(BrokerFixture::text)
                .containsExactly("after the lookups");
    }

    @Test
    @DisplayName("errors that are not about assignment keep their own codes")
    void otherCreateProducerErrorsAreUnchanged() {
        assertStatus(Status.Code.NOT_FOUND, () -> danube.subscribe("/default/never", "s", "c", SubscriptionType.Shared));
        assertStatus(Status.Code.INVALID_ARGUMENT, () -> danube.createProducer("/default/a.b", "p", false));
        assertStatus(Status.Code.UNAVAILABLE, () -> danube.createProducer("/default/rel", "p", true));
        assertStatus(Status.Code.FAILED_PRECONDITION, () -> danube.createProducer("/default/rel", "p", false));
    }
}
