package io.danube.camel;

import io.danube.client.DanubeClient;
import io.danube.embedded.BrokerConfig;
import io.danube.embedded.EmbeddedDanubeExtension;
import io.danube.embedded.FailurePolicy;
import org.apache.camel.CamelContext;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Base of the tests that talk to an embedded broker over gRPC on loopback: one broker per test class, a fresh Camel
 * context per test whose {@code danube} component points at it, and a unique topic per test.
 */
abstract class DanubeTestSupport extends CamelTestSupport {

    /** Broker timings shortened so that redelivery after a nack or a missed ack takes well under a second. */
    static final BrokerConfig FAST_BROKER = BrokerConfig.builder()
            .failurePolicy(FailurePolicy.defaults()
                    .withAckTimeout(Duration.ofSeconds(1))
                    .withRedeliveryDelays(Duration.ofMillis(50), Duration.ofMillis(500))
                    .withMaxRedeliveryCount(50))
            .heartbeatInterval(Duration.ofMillis(100))
            .fsyncInterval(Duration.ofMillis(200))
            .maxUnackedMessages(100)
            .build();

    @RegisterExtension
    static final EmbeddedDanubeExtension DANUBE = new EmbeddedDanubeExtension(FAST_BROKER);

    private static final AtomicInteger TOPICS = new AtomicInteger();

    private DanubeClient rawClient;

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        if (useHealthChecks()) {
            HealthChecks.enable(context);
        }
        context.addComponent("danube", fastComponent(serviceUrl()));
        return context;
    }

    /** Whether the context gets a health-check registry (off unless a test reads health). */
    protected boolean useHealthChecks() {
        return false;
    }

    /** A component with short client retry and health-check timings, for {@code serviceUrl}. */
    static DanubeComponent fastComponent(String serviceUrl) {
        DanubeComponent component = new DanubeComponent();
        DanubeConfiguration configuration = component.getConfiguration();
        configuration.setServiceUrl(serviceUrl);
        configuration.setDeadline(2_000);
        configuration.setMaxRetries(2);
        configuration.setRetryBaseDelay(50);
        configuration.setRetryMaxDelay(300);
        configuration.setClientHealthCheckInterval(300);
        return component;
    }

    String serviceUrl() {
        return DANUBE.serviceUrl();
    }

    /** A topic name no other test uses, {@code /default/<prefix>-<n>}. */
    static String uniqueTopic(String prefix) {
        return "/default/" + prefix + "-" + TOPICS.incrementAndGet();
    }

    /** A plain client on the test broker, closed after the test. */
    DanubeClient rawClient() {
        if (rawClient == null) {
            rawClient = DanubeClient.builder().serviceUrl(serviceUrl()).build();
        }
        return rawClient;
    }

    @AfterEach
    void closeRawClient() {
        if (rawClient != null) {
            rawClient.close();
            rawClient = null;
        }
    }
}
