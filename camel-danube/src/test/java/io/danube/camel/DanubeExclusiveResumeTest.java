package io.danube.camel;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

class DanubeExclusiveResumeTest extends DanubeTestSupport {

    private void addConsumerRoute(String topic, String mock) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("danube:" + topic + "?subscription=single&subscriptionType=Exclusive").routeId(mock)
                        .convertBodyTo(String.class).to("mock:" + mock);
            }
        });
    }

    @Test
    void newConsumerOfAnExclusiveSubscriptionWithoutConsumerNameResumesIt() throws Exception {
        String topic = uniqueTopic("exclusive-resume");
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:send").to("danube:" + topic + "?dispatchStrategy=Reliable");
            }
        });
        addConsumerRoute(topic, "first");
        MockEndpoint first = getMockEndpoint("mock:first");
        first.expectedBodiesReceived("before");
        template.sendBody("direct:send", "before");
        first.assertIsSatisfied(10_000);

        context.getRouteController().stopRoute("first");
        context.removeRoute("first");
        addConsumerRoute(topic, "second");
        MockEndpoint second = getMockEndpoint("mock:second");
        second.expectedBodiesReceived("after");
        template.sendBody("direct:send", "after");

        second.assertIsSatisfied(10_000);
    }
}
