package io.danube.camel;

import io.danube.embedded.EmbeddedDanube;
import io.danube.client.error.DanubeClientException;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExchangeException;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The broker goes away while a route consumes a reliable topic, and comes back on the same port and data directory.
 */
class DanubeBrokerRestartTest extends CamelTestSupport {

    private static final String TOPIC = "/default/restart";
    private static final Duration RECOVERY = Duration.ofSeconds(30);

    @TempDir
    static Path dataDirectory;

    private static EmbeddedDanube broker;
    private static int port;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedDanube.builder().config(DanubeTestSupport.FAST_BROKER).dataDirectory(dataDirectory).start();
        port = broker.port();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        HealthChecks.enable(context);
        context.addComponent("danube", DanubeTestSupport.fastComponent(broker.serviceUrl()));
        return context;
    }

    private static void restartBroker() {
        broker = EmbeddedDanube.builder().port(port).config(DanubeTestSupport.FAST_BROKER)
                .dataDirectory(dataDirectory).start();
    }

    private Optional<HealthCheck.State> consumerReadiness() {
        return HealthChecks.readiness(context, "consumer:receive");
    }

    @Test
    void consumerGoesDownWithTheBrokerAndResumesWithoutLosingReliableMessages() throws Exception {
        Set<String> received = ConcurrentHashMap.newKeySet();
        CountDownLatch brokerBack = new CountDownLatch(1);
        CountDownLatch firstInProcess = new CountDownLatch(1);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:send").routeId("send")
                        .errorHandler(defaultErrorHandler().maximumRedeliveries(50).redeliveryDelay(200))
                        .to("danube:" + TOPIC + "?dispatchStrategy=Reliable&producerName=restart-writer");
                from("danube:" + TOPIC + "?subscription=restart&subscriptionType=Exclusive&consumerName=restart-1")
                        .routeId("receive")
                        .process(exchange -> {
                            firstInProcess.countDown();
                            assertThat(brokerBack.await(60, TimeUnit.SECONDS)).isTrue();
                            received.add(exchange.getIn().getBody(String.class));
                        });
            }
        });
        await("consumer ready").atMost(RECOVERY).until(() -> consumerReadiness().equals(
                Optional.of(HealthCheck.State.UP)));
        IntStream.range(0, 10).forEach(i -> template.sendBody("direct:send", "before-" + i));
        assertThat(firstInProcess.await(10, TimeUnit.SECONDS)).isTrue();

        broker.stop();
        await("consumer readiness DOWN while the broker is stopped").atMost(RECOVERY)
                .until(() -> consumerReadiness().equals(Optional.of(HealthCheck.State.DOWN)));
        restartBroker();
        await("consumer readiness UP after the broker restarted").atMost(RECOVERY)
                .until(() -> consumerReadiness().equals(Optional.of(HealthCheck.State.UP)));
        brokerBack.countDown();
        IntStream.range(0, 10).forEach(i -> template.sendBody("direct:send", "after-" + i));

        Set<String> expected = IntStream.range(0, 10).boxed()
                .flatMap(i -> Set.of("before-" + i, "after-" + i).stream()).collect(Collectors.toSet());
        await("every message, sent before and after the restart, consumed").atMost(RECOVERY)
                .until(() -> received.containsAll(expected));
    }

    @Test
    void failedSendIsRetriedByTheErrorHandlerAndProducerReadinessFollowsTheBroker() throws Exception {
        HealthChecks.enableProducerChecks(context);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:send").routeId("send")
                        .errorHandler(defaultErrorHandler().maximumRedeliveries(2).redeliveryDelay(10))
                        .to("danube:" + TOPIC + "-p?producerName=health-writer");
            }
        });
        String checkId = "danube-producer-health-writer";
        await().atMost(RECOVERY).until(() -> HealthChecks.readiness(context, checkId)
                .equals(Optional.of(HealthCheck.State.UP)));

        broker.stop();
        await("idle producer readiness DOWN once the client's health probe fails").atMost(RECOVERY)
                .until(() -> HealthChecks.readiness(context, checkId).equals(Optional.of(HealthCheck.State.DOWN)));
        Exchange failed = template.request("direct:send", e -> e.getIn().setBody("lost"));
        assertThat(failed.getException()).isInstanceOf(CamelExchangeException.class)
                .hasMessageContaining("Failed to publish to Danube topic " + TOPIC + "-p as producer health-writer")
                .hasCauseInstanceOf(DanubeClientException.class);
        assertThat(failed.getIn().getHeader(Exchange.REDELIVERY_COUNTER)).as("redeliveries by the error handler")
                .isEqualTo(2);
        assertThat(HealthChecks.readiness(context, checkId)).contains(HealthCheck.State.DOWN);

        restartBroker();
        await("a send succeeds again").atMost(RECOVERY)
                .until(() -> template.request("direct:send", e -> e.getIn().setBody("delivered")).getException() == null);
        assertThat(HealthChecks.readiness(context, checkId)).contains(HealthCheck.State.UP);
    }
}
