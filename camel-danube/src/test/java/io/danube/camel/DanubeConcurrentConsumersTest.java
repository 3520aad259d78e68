package io.danube.camel;

import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class DanubeConcurrentConsumersTest extends DanubeTestSupport {

    private static final int THREADS = 4;
    private static final int MESSAGES = 40;

    @Test
    void fourConcurrentConsumersOnSharedSubscriptionProcessInParallelEachMessageOnce() throws Exception {
        String topic = uniqueTopic("concurrent");
        AtomicInteger active = new AtomicInteger();
        AtomicInteger maxActive = new AtomicInteger();
        CountDownLatch allThreadsBusy = new CountDownLatch(THREADS);
        List<String> processed = new CopyOnWriteArrayList<>();
        List<String> threads = new CopyOnWriteArrayList<>();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:send").to("danube:" + topic + "?dispatchStrategy=Reliable&maxInFlight=8");
                from("danube:" + topic + "?subscription=workers&subscriptionType=Shared&concurrentConsumers=" + THREADS)
                        .process(exchange -> {
                            maxActive.accumulateAndGet(active.incrementAndGet(), Math::max);
                            threads.add(Thread.currentThread().getName());
                            allThreadsBusy.countDown();
                            boolean together = allThreadsBusy.await(10, TimeUnit.SECONDS);
                            active.decrementAndGet();
                            assertThat(together).as("four messages in process at once").isTrue();
                            processed.add(exchange.getIn().getBody(String.class));
                        });
            }
        });

        for (int i = 0; i < MESSAGES; i++) {
            template.sendBody("direct:send", "m" + i);
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> processed.size() >= MESSAGES);
        await("no duplicate deliveries").during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(4))
                .until(() -> processed.size() == MESSAGES);
        assertThat(processed).doesNotHaveDuplicates().hasSize(MESSAGES);
        assertThat(maxActive.get()).isEqualTo(THREADS);
        assertThat(threads.stream().distinct().count()).isEqualTo(THREADS);
    }
}
