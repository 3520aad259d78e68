package io.danube.camel;

import io.danube.client.DanubeClient;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DanubeClientSharingTest extends DanubeTestSupport {

    @Test
    void endpointsWithTheSameConnectionShareOneClientClosedByTheLastUser() throws Exception {
        String first = uniqueTopic("shared-a");
        String second = uniqueTopic("shared-b");
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:a").routeId("a").to("danube:" + first);
                from("direct:b").routeId("b").to("danube:" + second + "?partitions=2");
                from("danube:" + first + "?subscription=s").routeId("c").to("mock:c");
            }
        });
        DanubeComponent component = context.getComponent("danube", DanubeComponent.class);

        assertThat(component.openClients()).isEqualTo(1);
        context.getRouteController().stopRoute("a");
        context.getRouteController().stopRoute("b");
        assertThat(component.openClients()).isEqualTo(1);
        context.getRouteController().stopRoute("c");
        assertThat(component.openClients()).isZero();
    }

    @Test
    void differentServiceUrlsGetDifferentClients() throws Exception {
        String topic = uniqueTopic("two-urls");
        String sameBrokerOtherSpelling = serviceUrl().replace("127.0.0.1", "localhost");
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:a").to("danube:" + topic);
                from("direct:b").to("danube:" + topic + "?serviceUrl=" + sameBrokerOtherSpelling);
            }
        });

        assertThat(context.getComponent("danube", DanubeComponent.class).openClients()).isEqualTo(2);
    }

    @Test
    void singleClientBeanInTheRegistryIsAutowiredAndLeftOpen() throws Exception {
        String topic = uniqueTopic("autowired");
        DanubeClient client = rawClient();
        CamelContext other = new DefaultCamelContext();
        try {
            other.getRegistry().bind("danubeClient", client);
            other.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:send").to("danube:" + topic);
                }
            });
            other.start();
            DanubeComponent component = other.getComponent("danube", DanubeComponent.class);

            assertThat(component.getClient()).isSameAs(client);
            other.createProducerTemplate().sendBody("direct:send", "through the bean");
            assertThat(component.openClients()).isZero();
        } finally {
            other.stop();
        }
        assertThat(client.isClosed()).isFalse();
    }
}
