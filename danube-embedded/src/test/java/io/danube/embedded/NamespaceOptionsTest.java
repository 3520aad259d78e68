package io.danube.embedded;

import io.danube.embedded.support.BrokerFixture;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code --namespace} and {@code --auto-create-namespaces} of {@code ./danube-connect broker}. */
class NamespaceOptionsTest {

    private BrokerFixture danube;

    @AfterEach
    void stop() {
        if (danube != null) {
            danube.close();
        }
    }

    private BrokerFixture startWith(String... args) {
        danube = BrokerFixture.start(EmbeddedDanubeMain.Options.parse(args).brokerConfig());
        return danube;
    }

    @Test
    void namespaceOptionsCreateTheNamespacesAtStart() {
        BrokerFixture broker = startWith("--namespace", "iot", "--namespace", "stripe");

        assertThat(broker.createProducer("/iot/sensors", "p1", true)).isNotZero();
        assertThat(broker.createProducer("/stripe/payments", "p2", false)).isNotZero();
        assertThat(broker.createProducer("/default/still-there", "p3", false)).isNotZero();
    }

    @Test
    void aNamespaceNotNamedAtStartStaysMissing() {
        BrokerFixture broker = startWith("--namespace", "iot");

        assertThatThrownBy(() -> broker.createProducer("/github/pushes", "p", false))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
                    assertThat(e.getStatus().getDescription()).contains("namespace 'github' does not exist");
                });
    }

    @Test
    void autoCreateNamespacesCreatesANamespaceOnTheFirstProducer() {
        BrokerFixture broker = startWith("--auto-create-namespaces");

        assertThat(broker.createProducer("/webhooks/orders", "p1", true)).isNotZero();
        assertThat(broker.partitions("/webhooks/orders")).containsExactly("/webhooks/orders");
    }

    @Test
    void namespaceNamesFollowTheTopicNameRules() {
        assertThatThrownBy(() -> EmbeddedDanubeMain.Options.parse(new String[] {"--namespace", "a/b"}))
                .hasMessageContaining("namespace must be letters, digits, '_' or '-', got 'a/b'");
    }
}
