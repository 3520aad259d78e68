package io.danube.kamelets;

import io.danube.embedded.EmbeddedDanubeExtension;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plain camel-main, as a launcher runs it: the routes include pattern picks up a YAML file, and the kamelet component
 * resolves danube-sink and danube-source from this module's {@code kamelets/} classpath directory.
 */
class KameletCamelMainTest {

    @RegisterExtension
    static final EmbeddedDanubeExtension DANUBE = new EmbeddedDanubeExtension();

    @Test
    void camelMainRunsTheYamlRoutesWithTheClasspathKamelets() throws Exception {
        Main main = new Main();
        main.configure().withRoutesIncludePattern("classpath:routes/danube-kamelets.yaml");
        main.addInitialProperty("danube.url", DANUBE.serviceUrl());
        main.addInitialProperty("danube.topic", KameletBootTest.uniqueTopic("main"));
        main.start();
        try {
            CamelContext context = main.getCamelContext();
            assertThat(context.getRoute("readings-in")).isNotNull();
            MockEndpoint readings = context.getEndpoint("mock:readings", MockEndpoint.class);
            readings.expectedBodiesReceivedInAnyOrder("c1", "c2");

            try (ProducerTemplate producer = context.createProducerTemplate()) {
                producer.sendBodyAndHeaders("direct:readings", "c1", Map.of("sensor", "c"));
                producer.sendBodyAndHeaders("direct:readings", "c2", Map.of("sensor", "c"));
            }

            readings.assertIsSatisfied(10_000);
            assertThat(readings.getExchanges()).allSatisfy(exchange ->
                    assertThat(exchange.getMessage().getHeader("CamelDanubeRoutingKey")).isEqualTo("c"));
        } finally {
            main.stop();
        }
    }
}
