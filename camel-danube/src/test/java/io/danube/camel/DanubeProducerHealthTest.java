package io.danube.camel;

import io.danube.client.error.PayloadTooLargeException;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class DanubeProducerHealthTest extends DanubeTestSupport {

    @Override
    protected boolean useHealthChecks() {
        return true;
    }

    @Test
    void aMessageRefusedForItsSizeFailsItsExchangeButLeavesTheProducerUp() throws Exception {
        HealthChecks.enableProducerChecks(context);
        String topic = uniqueTopic("oversized");
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:send").routeId("send").to("danube:" + topic + "?producerName=size-writer");
            }
        });
        String checkId = "danube-producer-size-writer";
        await().atMost(Duration.ofSeconds(10)).until(() -> HealthChecks.readiness(context, checkId)
                .equals(Optional.of(HealthCheck.State.UP)));

        Exchange refused = template.request("direct:send", e -> e.getIn().setBody(new byte[5 * 1024 * 1024]));

        assertThat(refused.getException()).hasRootCauseInstanceOf(PayloadTooLargeException.class);
        assertThat(HealthChecks.readiness(context, checkId)).contains(HealthCheck.State.UP);
    }
}
