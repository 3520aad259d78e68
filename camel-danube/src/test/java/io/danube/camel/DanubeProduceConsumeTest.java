package io.danube.camel;

import io.danube.client.consumer.Consumer;
import io.danube.client.message.MessageId;
import io.danube.client.message.ReceivedMessage;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class DanubeProduceConsumeTest extends DanubeTestSupport {

    private void addRoutes(String topic, String consumerOptions) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:send").routeId("send").to("danube:" + topic);
                from("danube:" + topic + "?subscription=it&" + consumerOptions).routeId("receive")
                        .convertBodyTo(String.class).to("mock:received");
            }
        });
    }

    @Test
    void javaDslRoutesProduceAndConsume() throws Exception {
        String topic = uniqueTopic("java-dsl");
        addRoutes(topic, "subscriptionType=Exclusive");
        MockEndpoint received = getMockEndpoint("mock:received");
        received.expectedBodiesReceived("one", "two", "three");

        template.sendBody("direct:send", "one");
        template.sendBody("direct:send", "two");
        template.sendBody("direct:send", "three");

        received.assertIsSatisfied(10_000);
    }

    @Test
    void attributesRoundTripAsHeadersWithoutCamelHeaders() throws Exception {
        String topic = uniqueTopic("attributes");
        addRoutes(topic, "subscriptionType=Exclusive");
        MockEndpoint received = getMockEndpoint("mock:received");
        received.expectedMessageCount(1);

        template.sendBodyAndHeaders("direct:send", "payload",
                Map.of("orderId", "42", "amount", 17, "CamelFileName", "secret.txt"));

        received.assertIsSatisfied(10_000);
        Map<String, Object> headers = received.getExchanges().get(0).getIn().getHeaders();
        assertThat(headers).containsEntry("orderId", "42").containsEntry("amount", "17");
        assertThat(headers).doesNotContainKey("CamelFileName");
    }

    @Test
    void camelHeadersAreNotSentAsAttributes() throws Exception {
        String topic = uniqueTopic("no-leak");
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:send").to("danube:" + topic);
            }
        });
        Consumer raw = rawClient().newConsumer().topic(topic).consumerName("raw").subscription("raw").subscribe();

        template.sendBodyAndHeaders("direct:send", "payload",
                Map.of("visible", "yes", "CamelHttpUri", "/x", "org.apache.camel.internal", "no"));

        Optional<ReceivedMessage> message = raw.receive(Duration.ofSeconds(10));
        assertThat(message).isPresent();
        assertThat(message.get().attributes()).containsOnlyKeys("visible");
    }

    @Test
    void consumedExchangesCarryDanubeHeaders() throws Exception {
        String topic = uniqueTopic("headers");
        addRoutes(topic, "subscriptionType=Exclusive");
        MockEndpoint received = getMockEndpoint("mock:received");
        received.expectedMessageCount(1);

        template.sendBodyAndHeader("direct:send", "payload", DanubeConstants.ROUTING_KEY, "customer-7");

        received.assertIsSatisfied(10_000);
        Exchange exchange = received.getExchanges().get(0);
        assertThat(exchange.getIn().getHeader(DanubeConstants.TOPIC)).isEqualTo(topic);
        assertThat(exchange.getIn().getHeader(DanubeConstants.PARTITION_TOPIC)).isEqualTo(topic);
        assertThat(exchange.getIn().getHeader(DanubeConstants.SUBSCRIPTION)).isEqualTo("it");
        assertThat(exchange.getIn().getHeader(DanubeConstants.MESSAGE_ID)).isInstanceOf(MessageId.class);
        assertThat(exchange.getIn().getHeader(DanubeConstants.OFFSET)).isInstanceOf(Long.class);
        assertThat(exchange.getIn().getHeader(DanubeConstants.PUBLISH_TIME, Long.class))
                .isGreaterThan(System.currentTimeMillis() - TimeUnit.MINUTES.toMillis(1));
        assertThat(exchange.getIn().getHeader(DanubeConstants.PRODUCER_NAME, String.class)).startsWith("camel-");
        assertThat(exchange.getIn().getHeader(DanubeConstants.ROUTING_KEY)).isEqualTo("customer-7");
    }

    @Test
    void producerReportsWherePublished() throws Exception {
        String topic = uniqueTopic("receipt");
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:send").to("danube:" + topic + "?producerName=writer");
            }
        });

        Exchange result = template.request("direct:send", e -> e.getIn().setBody("x"));

        assertThat(result.getException()).isNull();
        assertThat(result.getMessage().getHeader(DanubeConstants.PARTITION_TOPIC)).isEqualTo(topic);
        assertThat(result.getMessage().getHeader(DanubeConstants.PRODUCER_NAME)).isEqualTo("writer");
    }

    @Test
    void bodiesOfCommonTypesBecomePayloadBytes() throws Exception {
        String topic = uniqueTopic("bodies");
        addRoutes(topic, "subscriptionType=Exclusive");
        MockEndpoint received = getMockEndpoint("mock:received");
        received.expectedBodiesReceived("bytes", "string", "stream", "");

        template.sendBody("direct:send", "bytes".getBytes(StandardCharsets.UTF_8));
        template.sendBody("direct:send", "string");
        template.sendBody("direct:send", new ByteArrayInputStream("stream".getBytes(StandardCharsets.UTF_8)));
        template.sendBody("direct:send", null);

        received.assertIsSatisfied(10_000);
    }

    @Test
    void bodyWithoutByteFormFailsTheExchangeClearly() throws Exception {
        String topic = uniqueTopic("bad-body");
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:send").to("danube:" + topic);
            }
        });

        Exchange result = template.request("direct:send", e -> e.getIn().setBody(new Object()));

        assertThat(result.getException()).isInstanceOf(InvalidPayloadException.class)
                .hasMessageContaining("byte[]");
    }
}
