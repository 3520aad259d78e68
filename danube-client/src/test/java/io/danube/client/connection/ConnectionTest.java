package io.danube.client.connection;

import io.danube.client.DanubeClient;
import io.danube.client.fake.FakeBroker;
import io.danube.client.producer.Producer;
import io.danube.proto.TopicLookupResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ConnectionTest {

    private static final String TOPIC = "/default/orders";

    private FakeBroker broker;

    @BeforeEach
    void start() throws Exception {
        broker = new FakeBroker();
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    @Test
    void proxyLookupDialsConnectUrlAndSendsBrokerUrlHeaderOnEveryTopicCall() {
        broker.discovery.answer(TOPIC, TopicLookupResponse.LookupType.Redirect, "http://proxy:6650/",
                "http://broker-2:6650/", true);
        try (DanubeClient client = broker.client()) {
            Producer producer = client.newProducer().topic(TOPIC).name("writer").create();
            producer.send("x".getBytes());

            assertThat(broker.dialedUrls).containsExactly(FakeBroker.SERVICE_URL, "http://proxy:6650");
            assertThat(broker.callsTo("CreateProducer")).singleElement()
                    .satisfies(c -> assertThat(c.brokerUrl()).isEqualTo("http://broker-2:6650"));
            assertThat(broker.callsTo("SendMessage")).singleElement()
                    .satisfies(c -> assertThat(c.brokerUrl()).isEqualTo("http://broker-2:6650"));
            assertThat(broker.callsTo("TopicLookup")).first()
                    .satisfies(c -> assertThat(c.brokerUrl()).isNull());
            assertThat(broker.producers.received.get(0).getMsgId().getBrokerAddr()).isEqualTo("http://broker-2:6650");
        }
    }

    @Test
    void consumerCallsThroughAProxyCarryTheBrokerUrlHeader() {
        broker.discovery.answer("/default/events", TopicLookupResponse.LookupType.Connect, "http://proxy:6650",
                "http://broker-3:6650", true);
        try (DanubeClient client = broker.client()) {
            client.newConsumer().topic("/default/events").consumerName("r").subscription("s").subscribe();

            assertThat(broker.callsTo("Subscribe")).singleElement()
                    .satisfies(c -> assertThat(c.brokerUrl()).isEqualTo("http://broker-3:6650"));
            await().until(() -> !broker.callsTo("ReceiveMessages").isEmpty());
            assertThat(broker.callsTo("ReceiveMessages")).allSatisfy(
                    c -> assertThat(c.brokerUrl()).isEqualTo("http://broker-3:6650"));
            assertThat(broker.callsTo("TopicPartitions")).allSatisfy(c -> assertThat(c.brokerUrl()).isNull());
        }
    }

    @Test
    void directLookupSendsNoBrokerUrlHeader() {
        try (DanubeClient client = broker.client()) {
            client.newProducer().topic(TOPIC).name("writer").create().send("x".getBytes());

            assertThat(broker.calls).allSatisfy(c -> assertThat(c.brokerUrl()).isNull());
        }
    }

    @Test
    void trailingSlashUrlsShareOneChannelWithTheServiceUrl() {
        try (DanubeClient client = broker.client()) {
            client.newProducer().topic(TOPIC).name("a").create();
            client.newProducer().topic("/default/other").name("b").create();

            assertThat(client.openChannels()).isEqualTo(1);
            assertThat(broker.dialedUrls).containsExactly(FakeBroker.SERVICE_URL);
        }
    }

    @Test
    void eachDistinctBrokerAddressGetsItsOwnChannel() {
        broker.discovery.answer("/default/t1", TopicLookupResponse.LookupType.Connect, "http://b1:6650",
                "http://b1:6650", false);
        broker.discovery.answer("/default/t2", TopicLookupResponse.LookupType.Connect, "http://b2:6650",
                "http://b2:6650", false);
        try (DanubeClient client = broker.client()) {
            client.newProducer().topic("/default/t1").name("a").create();
            client.newProducer().topic("/default/t2").name("b").create();
            client.newProducer().topic("/default/t1").name("c").create();

            assertThat(broker.dialedUrls).containsExactly(FakeBroker.SERVICE_URL, "http://b1:6650", "http://b2:6650");
        }
    }

    @Test
    void staticBearerTokenIsSentOnEveryCall() {
        try (DanubeClient client = broker.clientBuilder().token("jwt-123").build()) {
            client.newProducer().topic(TOPIC).name("writer").create().send("x".getBytes());
            client.newConsumer().topic(TOPIC).consumerName("r").subscription("s").subscribe();

            assertThat(broker.calls).hasSizeGreaterThanOrEqualTo(5)
                    .allSatisfy(c -> assertThat(c.authorization()).isEqualTo("Bearer jwt-123"));
        }
    }

    @Test
    void tokenSupplierIsAskedOnEachCall() {
        AtomicInteger issued = new AtomicInteger();
        try (DanubeClient client = broker.clientBuilder()
                .tokenSupplier(() -> "t" + issued.incrementAndGet()).build()) {
            client.newProducer().topic(TOPIC).name("writer").create().send("x".getBytes());

            assertThat(broker.calls).extracting(FakeBroker.CallHeaders::authorization)
                    .doesNotHaveDuplicates()
                    .allSatisfy(value -> assertThat(value).startsWith("Bearer t"));
        }
    }

    @Test
    void withoutTokenNoAuthorizationHeaderIsSent() {
        try (DanubeClient client = broker.client()) {
            client.newProducer().topic(TOPIC).name("writer").create();

            assertThat(broker.calls).allSatisfy(c -> assertThat(c.authorization()).isNull());
        }
    }

    @Test
    void brokerAddressNormalizesTrailingSlashes() {
        assertThat(new BrokerAddress("http://h:6650/", "http://h:6650//", false))
                .isEqualTo(BrokerAddress.direct("http://h:6650"));
        assertThat(BrokerAddress.authority("https://h:6651/")).isEqualTo("h:6651");
        assertThat(BrokerAddress.isTls("HTTPS://h:1")).isTrue();
    }
}
