package io.danube.client.connection;

import io.danube.client.DanubeClient;
import io.danube.client.consumer.Consumer;
import io.danube.client.error.DanubeClientException;
import io.danube.client.fake.FakeBroker;
import io.danube.client.fake.FakeConsumerService;
import io.danube.client.producer.Producer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class NettyLoopbackTest {

    private FakeBroker broker;
    private String url;

    @BeforeEach
    void start() throws Exception {
        broker = new FakeBroker();
        url = broker.serveOnLoopback();
        broker.discovery.answerNotFound();
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    @Test
    void defaultNettyChannelSendsAndReceivesOverPlaintextLoopback() {
        try (DanubeClient client = DanubeClient.builder().serviceUrl(url + "/").build()) {
            Producer producer = client.newProducer().topic("/default/t").name("writer").create();
            Consumer consumer = client.newConsumer().topic("/default/t").consumerName("r").subscription("s").subscribe();

            producer.send("over-tcp".getBytes());
            await().atMost(Duration.ofSeconds(5)).until(() -> broker.consumers.hasStream("/default/t"));
            broker.consumers.push("/default/t", FakeConsumerService.message("/default/t", 0, "back"));

            assertThat(broker.producers.receivedPayloads()).containsExactly("over-tcp");
            assertThat(consumer.receive(Duration.ofSeconds(5))).hasValueSatisfying(
                    m -> assertThat(new String(m.payload())).isEqualTo("back"));
        }
    }

    @Test
    void unreadableCaFileFailsWithAClearError() {
        NettyChannelFactory factory = new NettyChannelFactory(
                new TlsSettings(Path.of("/nonexistent/ca.pem"), null, null), DanubeClient.MAX_MESSAGE_BYTES);

        assertThatThrownBy(() -> factory.open("https://127.0.0.1:6650"))
                .isInstanceOf(DanubeClientException.class).hasMessageContaining("ca.pem");
    }

    @Test
    void serviceUrlMustBeHttpOrHttpsWithHostAndPort() {
        assertThatThrownBy(() -> DanubeClient.builder().serviceUrl("grpc://h:1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http or https");
        assertThatThrownBy(() -> DanubeClient.builder().serviceUrl("http://h"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("host:port");
    }
}
