package io.danube.camel;

import io.danube.client.schema.RegisteredSchema;
import io.danube.client.schema.SchemaType;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class DanubeKeySharedAndSchemaTest extends DanubeTestSupport {

    @Test
    void keySharedConsumersReceiveOnlyTheKeysTheirFiltersAccept() throws Exception {
        String topic = uniqueTopic("key-shared");
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:send").to("danube:" + topic + "?dispatchStrategy=Reliable");
                from("danube:" + topic + "?subscription=regions&subscriptionType=KeyShared&keyFilters=eu-*")
                        .convertBodyTo(String.class).to("mock:eu");
                from("danube:" + topic + "?subscription=regions&subscriptionType=KeyShared&keyFilters=us-*")
                        .convertBodyTo(String.class).to("mock:us");
            }
        });
        MockEndpoint eu = getMockEndpoint("mock:eu");
        MockEndpoint us = getMockEndpoint("mock:us");
        eu.expectedBodiesReceivedInAnyOrder("eu-1", "eu-2");
        us.expectedBodiesReceivedInAnyOrder("us-1");

        for (String key : new String[] { "eu-1", "us-1", "eu-2" }) {
            template.sendBodyAndHeader("direct:send", key, DanubeConstants.ROUTING_KEY, key);
        }

        MockEndpoint.assertIsSatisfied(10, TimeUnit.SECONDS, eu, us);
    }

    @Test
    void schemaSubjectStampsSchemaIdAndVersionOnConsumedMessages() throws Exception {
        String topic = uniqueTopic("schema");
        String subject = "orders-" + topic.substring(topic.lastIndexOf('-') + 1);
        String schema = "{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"integer\"}}}";
        RegisteredSchema registered = rawClient().schemaRegistry().register(subject, SchemaType.JSON_SCHEMA, schema);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:send").to("danube:" + topic + "?schemaSubject=" + subject
                        + "&schemaVersionStrategy=Pinned&schemaVersion=" + registered.version());
                from("danube:" + topic + "?subscription=typed&subscriptionType=Exclusive").to("mock:typed");
            }
        });
        MockEndpoint typed = getMockEndpoint("mock:typed");
        typed.expectedMessageCount(1);

        template.sendBody("direct:send", "{\"id\":7}");

        typed.assertIsSatisfied(10_000);
        Exchange exchange = typed.getExchanges().get(0);
        assertThat(exchange.getIn().getHeader(DanubeConstants.SCHEMA_ID)).isEqualTo(registered.schemaId());
        assertThat(exchange.getIn().getHeader(DanubeConstants.SCHEMA_VERSION)).isEqualTo(registered.version());
    }
}
