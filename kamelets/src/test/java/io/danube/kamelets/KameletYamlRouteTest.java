package io.danube.kamelets;

import io.danube.embedded.EmbeddedDanubeExtension;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A YAML DSL route file that uses both Kamelets, loaded through Camel's routes loader. */
class KameletYamlRouteTest extends CamelTestSupport {

    @RegisterExtension
    static final EmbeddedDanubeExtension DANUBE = new EmbeddedDanubeExtension();

    @Test
    void yamlRoutesCarryReadingsThroughBothKameletsWithTheirRoutingKey() throws Exception {
        context.getPropertiesComponent().addInitialProperty("danube.url", DANUBE.serviceUrl());
        context.getPropertiesComponent().addInitialProperty("danube.topic", KameletBootTest.uniqueTopic("yaml"));
        PluginHelper.getRoutesLoader(context).loadRoutes(
                ResourceHelper.resolveMandatoryResource(context, "classpath:routes/danube-kamelets.yaml"));

        MockEndpoint readings = getMockEndpoint("mock:readings");
        readings.expectedBodiesReceivedInAnyOrder("a1", "b1", "a2");
        readings.allMessages().header("CamelDanubeSubscription").isEqualTo("yaml-archive");

        template.sendBodyAndHeaders("direct:readings", "a1", Map.of("sensor", "a"));
        template.sendBodyAndHeaders("direct:readings", "b1", Map.of("sensor", "b"));
        template.sendBodyAndHeaders("direct:readings", "a2", Map.of("sensor", "a"));

        readings.assertIsSatisfied(10_000);
        assertThat(readings.getExchanges()).allSatisfy(exchange -> assertThat(
                exchange.getMessage().getHeader("CamelDanubeRoutingKey"))
                .isNotNull().isEqualTo(exchange.getMessage().getHeader("sensor")));
    }
}
