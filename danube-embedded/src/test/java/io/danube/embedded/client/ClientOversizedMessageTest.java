package io.danube.embedded.client;

import io.danube.client.DanubeClient;
import io.danube.client.error.DanubeRpcException;
import io.danube.client.producer.Producer;
import io.danube.client.retry.RetryPolicy;
import io.danube.embedded.EmbeddedDanube;
import io.danube.embedded.support.BrokerFixture;
import io.grpc.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A message over the broker's limit (but under the client's own 4 MiB check) fails at once, without retries. */
class ClientOversizedMessageTest {

    private static final int BROKER_LIMIT = 64 * 1024;

    private EmbeddedDanube broker;
    private DanubeClient client;

    @BeforeEach
    void start() {
        broker = EmbeddedDanube.builder()
                .config(BrokerFixture.fastConfig().maxInboundMessageBytes(BROKER_LIMIT).build()).start();
        client = DanubeClient.builder().serviceUrl(broker.serviceUrl())
                .retryPolicy(new RetryPolicy(5, Duration.ofSeconds(30), Duration.ofSeconds(30)))
                .build();
    }

    @AfterEach
    void stop() {
        client.close();
        broker.close();
    }

    @Test
    void outOfRangeFromTheBrokerFailsTheSendWithoutRetryAndTheProducerStaysUsable() {
        Producer producer = client.newProducer().topic("/default/big").name("writer").create();

        assertThatThrownBy(() -> producer.send(new byte[BROKER_LIMIT + 1]))
                .isExactlyInstanceOf(DanubeRpcException.class)
                .satisfies(e -> {
                    assertThat(((DanubeRpcException) e).code()).isEqualTo(Status.Code.OUT_OF_RANGE);
                    assertThat(((DanubeRpcException) e).status().getDescription())
                            .startsWith("Error, decoded message length too large: found ")
                            .endsWith(" bytes, the limit is: " + BROKER_LIMIT + " bytes");
                });
        assertThat(producer.send(new byte[BROKER_LIMIT / 2]).producerId()).isNotZero();
    }
}
