package io.danube.camel;

import io.danube.client.consumer.SubscriptionType;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.health.HealthCheck;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DanubeBridgeErrorHandlerTest extends DanubeTestSupport {

    @Override
    protected boolean useHealthChecks() {
        return true;
    }

    @Test
    void subscribeFailureReachesTheRouteErrorHandlerAndSubscribingIsRetried() throws Exception {
        String topic = uniqueTopic("bridge");
        rawClient().newProducer().topic(topic).name("bridge-writer").create();
        rawClient().newConsumer().topic(topic).consumerName("owner").subscription("owned")
                .subscriptionType(SubscriptionType.EXCLUSIVE).subscribe();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                onException(Exception.class).handled(true).to("mock:errors");
                from("danube:" + topic + "?subscription=owned&subscriptionType=Exclusive&consumerName=camel"
                     + "&bridgeErrorHandler=true").routeId("bridged")
                        .to("mock:received");
            }
        });
        MockEndpoint errors = getMockEndpoint("mock:errors");
        errors.expectedMinimumMessageCount(2);

        errors.assertIsSatisfied(10_000);
        Exception error = errors.getExchanges().get(0).getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        assertThat(error).hasMessageContaining("Subscribe");
        assertThat(HealthChecks.readiness(context, "consumer:bridged")).contains(HealthCheck.State.DOWN);
        assertThat(getMockEndpoint("mock:received").getReceivedCounter()).isZero();
    }
}
