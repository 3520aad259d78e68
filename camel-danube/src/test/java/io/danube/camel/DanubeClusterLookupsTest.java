package io.danube.camel;

import io.danube.embedded.EmbeddedDanubeExtension;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Against a broker that answers like a cluster (the first CreateProducer and Subscribe on a new topic get UNAVAILABLE,
 * "redo the lookup"), the {@code danube:} producer and consumer retry and then work as usual.
 */
class DanubeClusterLookupsTest extends CamelTestSupport {

    @RegisterExtension
    static final EmbeddedDanubeExtension DANUBE =
            new EmbeddedDanubeExtension(DanubeTestSupport.FAST_BROKER.toBuilder().clusterLookups(true).build());

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.addComponent("danube", DanubeTestSupport.fastComponent(DANUBE.serviceUrl()));
        return context;
    }

    @Test
    void routesProduceToAndConsumeFromANewTopicThroughTheLookupRetry() throws Exception {
        String topic = DanubeTestSupport.uniqueTopic("cluster-lookups");
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:send").routeId("send").to("danube:" + topic + "?dispatchStrategy=Reliable");
            }
        });
        template.sendBody("direct:send", "before the consumer");
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("danube:" + topic + "?subscription=it&subscriptionType=Exclusive").routeId("receive")
                        .convertBodyTo(String.class).to("mock:received");
            }
        });
        MockEndpoint received = getMockEndpoint("mock:received");
        received.expectedBodiesReceived("one", "two");

        template.sendBody("direct:send", "one");
        template.sendBody("direct:send", "two");

        received.assertIsSatisfied(10_000);
    }
}
