package io.danube.camel;

import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DanubeYamlRouteTest extends DanubeTestSupport {

    @Test
    void yamlDslRoutesProduceAndConsume() throws Exception {
        String topic = uniqueTopic("yaml");
        String routes = """
                - route:
                    id: yaml-send
                    from:
                      uri: direct:yaml
                      steps:
                        - to:
                            uri: danube:%1$s
                            parameters:
                              producerName: yaml-writer
                              dispatchStrategy: Reliable
                - route:
                    id: yaml-receive
                    from:
                      uri: danube:%1$s
                      parameters:
                        subscription: yaml
                        subscriptionType: Exclusive
                      steps:
                        - convertBodyTo:
                            type: java.lang.String
                        - to: mock:yaml
                """.formatted(topic);
        PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString("danube-routes.yaml", routes));
        MockEndpoint received = getMockEndpoint("mock:yaml");
        received.expectedBodiesReceived("from yaml");
        received.expectedHeaderReceived("source", "yaml-test");

        template.sendBodyAndHeader("direct:yaml", "from yaml", "source", "yaml-test");

        received.assertIsSatisfied(10_000);
        assertThat(received.getExchanges().get(0).getIn().getHeader(DanubeConstants.PRODUCER_NAME))
                .isEqualTo("yaml-writer");
    }
}
