package io.danube.embedded.conformance;

import io.danube.embedded.support.BrokerFixture;
import io.danube.embedded.support.Receiver;
import io.danube.proto.ConsumerRequest.SubscriptionType;
import io.danube.proto.HealthCheckRequest;
import io.danube.proto.HealthCheckRequest.ClientType;
import io.danube.proto.HealthCheckResponse.ClientStatus;
import io.grpc.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.danube.embedded.conformance.StatusAssertions.assertStatus;
import static io.danube.embedded.support.BrokerFixture.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class HealthCheckConformanceTest {

    private final BrokerFixture danube = BrokerFixture.start();

    @AfterEach
    void stop() {
        danube.close();
    }

    @Test
    @DisplayName("33: HealthCheck is OK for live ids, CLOSE for unknown or dropped, INVALID_ARGUMENT for client type 2")
    void healthCheckStatuses() {
        long producer = danube.createProducer("/default/health", "p", false);
        long consumer = danube.subscribe("/default/health", "s", "c", SubscriptionType.Exclusive);
        assertThat(danube.health(ClientType.Producer, producer)).isEqualTo(ClientStatus.OK);
        assertThat(danube.health(ClientType.Consumer, consumer)).as("active from Subscribe on").isEqualTo(ClientStatus.OK);
        assertThat(danube.health(ClientType.Producer, producer + 1)).isEqualTo(ClientStatus.CLOSE);
        assertThat(danube.health(ClientType.Consumer, consumer + 1)).isEqualTo(ClientStatus.CLOSE);
        assertThat(danube.health(ClientType.Consumer, producer)).isEqualTo(ClientStatus.CLOSE);

        Receiver receiver = danube.receive(consumer);
        danube.send(message(producer, "/default/health", "p", 1, "x"));
        receiver.take(1, Duration.ofSeconds(5));
        receiver.cancel();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> danube.health(ClientType.Consumer, consumer) == ClientStatus.CLOSE);

        assertStatus(Status.Code.INVALID_ARGUMENT, () -> danube.health.healthCheck(
                HealthCheckRequest.newBuilder().setClientValue(2).setId(producer).build()));
    }
}
