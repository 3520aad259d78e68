package io.danube.client.lookup;

import io.danube.client.DanubeClient;
import io.danube.client.connection.BrokerAddress;
import io.danube.client.error.DanubeClientException;
import io.danube.client.error.DanubeRpcException;
import io.danube.client.fake.FakeBroker;
import io.danube.proto.TopicLookupResponse.LookupType;
import io.grpc.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LookupServiceTest {

    private static final String TOPIC = "/default/orders";

    private FakeBroker broker;
    private DanubeClient client;
    private LookupService lookup;

    @BeforeEach
    void start() throws Exception {
        broker = new FakeBroker();
        client = broker.client();
        lookup = client.lookup();
    }

    @AfterEach
    void stop() {
        client.close();
        broker.close();
    }

    @Test
    void connectAnswerYieldsTheAnsweredAddressWithoutTrailingSlash() {
        broker.discovery.answer(TOPIC, LookupType.Connect, "http://b1:6650/", "http://b1:6650/", false);

        assertThat(lookup.lookup(TOPIC, lookup.serviceAddress())).isEqualTo(BrokerAddress.direct("http://b1:6650"));
    }

    @Test
    void redirectAnswerIsAdoptedLikeConnect() {
        broker.discovery.answer(TOPIC, LookupType.Redirect, "http://proxy:6650", "http://b2:6650", true);

        assertThat(lookup.lookup(TOPIC, lookup.serviceAddress()))
                .isEqualTo(new BrokerAddress("http://proxy:6650", "http://b2:6650", true));
    }

    @Test
    void failedAnswerIsAnError() {
        broker.discovery.answer(TOPIC, LookupType.Failed, "", "", false);

        assertThatThrownBy(() -> lookup.lookup(TOPIC, lookup.serviceAddress()))
                .isInstanceOf(DanubeClientException.class).hasMessageContaining(TOPIC);
    }

    @Test
    void unknownTopicSurfacesNotFound() {
        broker.discovery.answerNotFound();

        assertThatThrownBy(() -> lookup.lookup(TOPIC, lookup.serviceAddress()))
                .isInstanceOfSatisfying(DanubeRpcException.class,
                        e -> assertThat(e.code()).isEqualTo(Status.Code.NOT_FOUND));
    }

    @Test
    void partitionsListsPartitionTopicsOrThePlainTopic() {
        broker.discovery.partitions("/default/p", List.of("/default/p-part-0", "/default/p-part-1"));

        assertThat(lookup.partitions("/default/p")).containsExactly("/default/p-part-0", "/default/p-part-1");
        assertThat(lookup.partitions(TOPIC)).containsExactly(TOPIC);
    }
}
