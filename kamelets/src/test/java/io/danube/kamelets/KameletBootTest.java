package io.danube.kamelets;

import io.danube.embedded.EmbeddedDanubeExtension;
import org.apache.camel.FailedToCreateRouteException;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Kamelets, loaded by the kamelet component from {@code classpath:kamelets}, publish to and consume from an
 * embedded broker over gRPC on 127.0.0.1.
 */
class KameletBootTest extends CamelTestSupport {

    @RegisterExtension
    static final EmbeddedDanubeExtension DANUBE = new EmbeddedDanubeExtension();

    private static final AtomicInteger TOPICS = new AtomicInteger();

    static String uniqueTopic(String prefix) {
        return "/default/kamelet-" + prefix + "-" + TOPICS.incrementAndGet();
    }

    private String url() {
        return DANUBE.serviceUrl();
    }

    /**
     * Adds and starts one route. Publishing routes go first: their producer creates the topic, so a consumer added
     * after them subscribes while its route starts and sees every message sent afterwards.
     */
    private void addRoute(Consumer<RouteBuilder> definition) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                definition.accept(this);
            }
        });
    }

    @Test
    void sinkPublishesBodyAttributesAndKeyHeaderAsRoutingKey() throws Exception {
        String topic = uniqueTopic("sink");
        addRoute(builder -> builder.from("direct:in").to("kamelet:danube-sink?topic=" + topic + "&serviceUrl=" + url()
                + "&producerName=kamelet-writer&dispatchStrategy=Reliable"));
        addRoute(builder -> builder
                .from("danube:" + topic + "?subscription=check&subscriptionType=Exclusive&serviceUrl=" + url())
                .convertBodyTo(String.class).to("mock:published"));
        MockEndpoint published = getMockEndpoint("mock:published");
        published.expectedBodiesReceived("21.5", "19.0");
        published.message(0).header("unit").isEqualTo("celsius");
        published.message(0).header("CamelDanubeRoutingKey").isEqualTo("sensor-7");
        published.message(0).header("CamelDanubeProducerName").isEqualTo("kamelet-writer");
        published.message(1).header("CamelDanubeRoutingKey").isNull();

        template.sendBodyAndHeaders("direct:in", "21.5", Map.of("unit", "celsius", "key", "sensor-7"));
        template.sendBody("direct:in", "19.0");

        published.assertIsSatisfied(10_000);
    }

    @Test
    void sourceDeliversPayloadAttributesAndDanubeHeaders() throws Exception {
        String topic = uniqueTopic("source");
        addRoute(builder -> builder.from("direct:publish").to("danube:" + topic + "?serviceUrl=" + url()));
        addRoute(builder -> builder
                .from("kamelet:danube-source?topic=" + topic + "&subscription=archive&subscriptionType=Exclusive"
                        + "&serviceUrl=" + url())
                .convertBodyTo(String.class).to("mock:received"));
        MockEndpoint received = getMockEndpoint("mock:received");
        received.expectedBodiesReceived("first", "second");
        received.allMessages().header("origin").isEqualTo("boot-test");
        received.allMessages().header("CamelDanubeSubscription").isEqualTo("archive");
        received.allMessages().header("CamelDanubeTopic").isEqualTo(topic);

        template.sendBodyAndHeader("direct:publish", "first", "origin", "boot-test");
        template.sendBodyAndHeader("direct:publish", "second", "origin", "boot-test");

        received.assertIsSatisfied(10_000);
    }

    @Test
    void timerReadingsRoundTripThroughBothKamelets() throws Exception {
        String topic = uniqueTopic("roundtrip");
        addRoute(builder -> builder.from("direct:tick")
                .to("kamelet:danube-sink?topic=" + topic + "&serviceUrl=" + url()));
        addRoute(builder -> builder
                .from("kamelet:danube-source?topic=" + topic + "&subscription=roundtrip&serviceUrl=" + url())
                .convertBodyTo(String.class).to("mock:roundtrip"));
        addRoute(builder -> builder.from("timer:readings?period=20&repeatCount=3&includeMetadata=true")
                .setBody(builder.simple("reading-${header.CamelTimerCounter}"))
                .setHeader("sensor", builder.constant("s-1"))
                .to("direct:tick"));
        MockEndpoint roundtrip = getMockEndpoint("mock:roundtrip");
        roundtrip.expectedBodiesReceivedInAnyOrder("reading-1", "reading-2", "reading-3");
        roundtrip.allMessages().header("sensor").isEqualTo("s-1");

        roundtrip.assertIsSatisfied(10_000);
    }

    @Test
    void sinkWithoutItsRequiredTopicFailsToStart() {
        assertThatThrownBy(() -> context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:incomplete").routeId("incomplete").to("kamelet:danube-sink?serviceUrl=" + url());
            }
        })).isInstanceOf(FailedToCreateRouteException.class).hasStackTraceContaining("topic");
        assertThat(context.getRoute("incomplete")).isNull();
    }
}
