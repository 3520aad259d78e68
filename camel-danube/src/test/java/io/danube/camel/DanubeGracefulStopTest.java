package io.danube.camel;

import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class DanubeGracefulStopTest extends DanubeTestSupport {

    @Test
    void stoppingTheRouteFinishesTheExchangeInFlightAndAcksIt() throws Exception {
        String topic = uniqueTopic("graceful");
        CountDownLatch inProcess = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger completed = new AtomicInteger();
        AtomicInteger deliveries = new AtomicInteger();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:send").to("danube:" + topic + "?dispatchStrategy=Reliable");
                from("danube:" + topic + "?subscription=graceful&subscriptionType=Exclusive&consumerName=graceful-1")
                        .routeId("slow")
                        .process(exchange -> {
                            deliveries.incrementAndGet();
                            inProcess.countDown();
                            assertThat(release.await(10, TimeUnit.SECONDS)).isTrue();
                            completed.incrementAndGet();
                        });
            }
        });
        template.sendBody("direct:send", "slow");
        assertThat(inProcess.await(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> {
            try {
                context.getRouteController().stopRoute("slow");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        await("stop waits for the exchange in flight").during(Duration.ofMillis(500))
                .atMost(Duration.ofSeconds(2)).until(() -> !stopping.isDone());
        release.countDown();
        stopping.get(15, TimeUnit.SECONDS);
        assertThat(completed.get()).isEqualTo(1);

        context.getRouteController().startRoute("slow");
        await("the finished message is not redelivered after the restart").during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(4)).until(() -> deliveries.get() == 1);
    }
}
