package io.danube.camel;

import io.danube.camel.consumer.DanubeMessageReceipt;
import io.danube.client.message.MessageId;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Acknowledgement against a reliable topic on a broker whose ack timeout is 1 s: a message that is not acknowledged
 * comes back within about a second, so "not redelivered for 2 s" shows it was acknowledged.
 */
class DanubeAcknowledgementTest extends DanubeTestSupport {

    private static final Duration LONGER_THAN_ACK_TIMEOUT = Duration.ofSeconds(2);

    private String reliableTopicWithProducer() throws Exception {
        String topic = uniqueTopic("ack");
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:send").to("danube:" + topic + "?dispatchStrategy=Reliable");
            }
        });
        return topic;
    }

    @Test
    void failedExchangeIsNackedAndRedeliveredThenAckedAndNotRedelivered() throws Exception {
        String topic = reliableTopicWithProducer();
        List<MessageId> deliveries = new CopyOnWriteArrayList<>();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("danube:" + topic + "?subscription=nack&subscriptionType=Exclusive&nackRedeliveryDelay=100")
                        .process(exchange -> {
                            deliveries.add(exchange.getIn().getHeader(DanubeConstants.MESSAGE_ID, MessageId.class));
                            if (deliveries.size() == 1) {
                                throw new IllegalStateException("first attempt fails");
                            }
                        });
            }
        });

        template.sendBody("direct:send", "order-1");

        await("redelivery after the failed exchange").atMost(Duration.ofSeconds(10))
                .until(() -> deliveries.size() == 2);
        assertThat(deliveries.get(1)).isEqualTo(deliveries.get(0));
        await("no redelivery after the successful exchange").during(LONGER_THAN_ACK_TIMEOUT)
                .atMost(LONGER_THAN_ACK_TIMEOUT.plusSeconds(2)).until(() -> deliveries.size() == 2);
    }

    @Test
    void manualAcknowledgementAcksNothingUntilTheReceiptIsUsed() throws Exception {
        String topic = reliableTopicWithProducer();
        List<DanubeMessageReceipt> receipts = new CopyOnWriteArrayList<>();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("danube:" + topic + "?subscription=manual&subscriptionType=Exclusive"
                     + "&allowManualAcknowledgement=true")
                        .process(exchange -> receipts.add(exchange.getIn()
                                .getHeader(DanubeConstants.MESSAGE_RECEIPT, DanubeMessageReceipt.class)));
            }
        });

        template.sendBody("direct:send", "order-1");

        await("redelivery of the message the route completed but did not acknowledge")
                .atMost(Duration.ofSeconds(10)).until(() -> receipts.size() >= 2);
        assertThat(receipts.get(0).isSettled()).isFalse();
        DanubeMessageReceipt latest = receipts.get(receipts.size() - 1);
        latest.acknowledge().get();
        int deliveredSoFar = receipts.size();
        await("no redelivery once the receipt acknowledged").during(LONGER_THAN_ACK_TIMEOUT)
                .atMost(LONGER_THAN_ACK_TIMEOUT.plusSeconds(2)).until(() -> receipts.size() == deliveredSoFar);
        assertThat(latest.isSettled()).isTrue();
    }

    @Test
    void usedReceiptIsNotNackedWhenTheExchangeFailsAfterwards() throws Exception {
        String topic = reliableTopicWithProducer();
        AtomicInteger deliveries = new AtomicInteger();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("danube:" + topic + "?subscription=settled&subscriptionType=Exclusive"
                     + "&allowManualAcknowledgement=true")
                        .process(exchange -> {
                            deliveries.incrementAndGet();
                            exchange.getIn().getHeader(DanubeConstants.MESSAGE_RECEIPT, DanubeMessageReceipt.class)
                                    .acknowledge().get();
                            throw new IllegalStateException("fails after acknowledging");
                        });
            }
        });

        template.sendBody("direct:send", "order-1");

        await().atMost(Duration.ofSeconds(10)).until(() -> deliveries.get() == 1);
        await("no redelivery of the acknowledged message").during(LONGER_THAN_ACK_TIMEOUT)
                .atMost(LONGER_THAN_ACK_TIMEOUT.plusSeconds(2)).until(() -> deliveries.get() == 1);
    }

    @Test
    void exchangeHandledByTheErrorHandlerIsAcked() throws Exception {
        String topic = reliableTopicWithProducer();
        AtomicInteger deliveries = new AtomicInteger();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("danube:" + topic + "?subscription=dlc&subscriptionType=Exclusive")
                        .errorHandler(deadLetterChannel("mock:dead"))
                        .process(exchange -> {
                            deliveries.incrementAndGet();
                            throw new IllegalStateException("always fails");
                        });
            }
        });
        getMockEndpoint("mock:dead").expectedMessageCount(1);

        template.sendBody("direct:send", "order-1");

        getMockEndpoint("mock:dead").assertIsSatisfied(10_000);
        await("no redelivery of a message the dead letter channel took").during(LONGER_THAN_ACK_TIMEOUT)
                .atMost(LONGER_THAN_ACK_TIMEOUT.plusSeconds(2)).until(() -> deliveries.get() == 1);
    }
}
