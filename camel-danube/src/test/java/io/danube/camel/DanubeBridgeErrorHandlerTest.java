package io.danube.camel;

import io.danube.client.consumer.Consumer;
import io.danube.client.consumer.SubscriptionType;
import io.danube.client.producer.Producer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.health.HealthCheck;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class DanubeBridgeErrorHandlerTest extends DanubeTestSupport {

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        HealthChecks.enable(context);
        return context;
    }

    @Test
    void subscribeFailureReachesTheRouteErrorHandlerAndSubscribingIsRetried() throws Exception {
        String topic = uniqueTopic("bridge");
        Producer producer = rawClient().newProducer().topic(topic).name("bridge-writer").create();
        Consumer owner = rawClient().newConsumer().topic(topic).consumerName("owner").subscription("owned")
                .subscriptionType(SubscriptionType.EXCLUSIVE).subscribe();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                onException(Exception.class).handled(true).to("mock:errors");
                from("danube:" + topic + "?subscription=owned&subscriptionType=Exclusive&consumerName=camel"
                     + "&bridgeErrorHandler=true").routeId("bridged")
                        .convertBodyTo(String.class).to("mock:received");
            }
        });
        MockEndpoint errors = getMockEndpoint("mock:errors");
        errors.expectedMinimumMessageCount(1);

        errors.assertIsSatisfied(10_000);
        Exception error = errors.getExchanges().get(0).getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        assertThat(error).hasMessageContaining("Subscribe");
        assertThat(HealthChecks.readiness(context, "consumer:bridged")).contains(HealthCheck.State.DOWN);

        owner.close();
        await("subscribed once the exclusive owner left").atMost(Duration.ofSeconds(15))
                .until(() -> HealthChecks.readiness(context, "consumer:bridged")
                        .equals(Optional.of(HealthCheck.State.UP)));
        MockEndpoint received = getMockEndpoint("mock:received");
        received.expectedBodiesReceived("after");
        producer.send("after".getBytes());
        received.assertIsSatisfied(10_000);
    }
}
