package io.danube.camel;

import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DanubeEndpointUriTest extends CamelTestSupport {

    @Test
    void singleSlashPathNamesTheTopic() {
        DanubeEndpoint endpoint = context.getEndpoint("danube:/iot/sensors", DanubeEndpoint.class);

        assertThat(endpoint.getNamespace()).isEqualTo("iot");
        assertThat(endpoint.getTopic()).isEqualTo("sensors");
        assertThat(endpoint.getTopicName()).isEqualTo("/iot/sensors");
    }

    @Test
    void tripleSlashPathNamesTheSameTopic() {
        DanubeEndpoint endpoint = context.getEndpoint("danube:///iot/sensors?partitions=8", DanubeEndpoint.class);

        assertThat(endpoint.getTopicName()).isEqualTo("/iot/sensors");
        assertThat(endpoint.getConfiguration().getPartitions()).isEqualTo(8);
    }

    @Test
    void queryOptionsAreApplied() {
        DanubeEndpoint endpoint = context.getEndpoint("danube:/iot/sensors?partitions=8&dispatchStrategy=reliable"
                + "&subscriptionType=KeyShared&keyFilters=eu-*,us-*&maxInFlight=16&deadline=3s"
                + "&schemaSubject=sensors-value&schemaVersionStrategy=Pinned&schemaVersion=2",
                DanubeEndpoint.class);

        DanubeConfiguration configuration = endpoint.getConfiguration();
        assertThat(configuration.getDispatchStrategy()).isEqualTo(DanubeDispatchStrategy.Reliable);
        assertThat(configuration.getSubscriptionType()).isEqualTo(DanubeSubscriptionType.KeyShared);
        assertThat(configuration.keyFilterList()).containsExactly("eu-*", "us-*");
        assertThat(configuration.getMaxInFlight()).isEqualTo(16);
        assertThat(configuration.getDeadline()).isEqualTo(3_000);
        assertThat(configuration.getSchemaVersionStrategy()).isEqualTo(DanubeSchemaVersionStrategy.Pinned);
        assertThat(configuration.getSchemaVersion()).isEqualTo(2);
    }

    @Test
    void malformedTopicIsRejectedWithTheExpectedForm() {
        assertThatThrownBy(() -> context.getEndpoint("danube:/only-one-segment"))
                .isInstanceOf(ResolveEndpointFailedException.class)
                .rootCause().hasMessageContaining("expected /namespace/topic");
        assertThatThrownBy(() -> context.getEndpoint("danube:/ns/bad.name"))
                .rootCause().hasMessageContaining("topic 'bad.name' must consist of letters, digits");
        assertThatThrownBy(() -> context.getEndpoint("danube:/a/b/c"))
                .rootCause().hasMessageContaining("expected /namespace/topic");
    }

    @Test
    void unknownOptionIsRejected() {
        assertThatThrownBy(() -> context.getEndpoint("danube:/ns/t?noSuchOption=1"))
                .isInstanceOf(ResolveEndpointFailedException.class)
                .hasMessageContaining("noSuchOption");
    }

    @Test
    void consumerWithoutSubscriptionFailsNamingTheOption() {
        assertThatThrownBy(() -> context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("danube:/ns/t").to("mock:never");
            }
        })).rootCause().hasMessageContaining("needs a subscription");
    }

    @Test
    void componentOptionsApplyToEveryEndpointAndEndpointOptionsDoNotLeakBack() {
        DanubeComponent component = context.getComponent("danube", DanubeComponent.class);
        component.getConfiguration().setServiceUrl("http://broker.example:6650");
        component.getConfiguration().setToken("jwt");

        DanubeEndpoint first = context.getEndpoint("danube:/ns/a?serviceUrl=http://other:6650", DanubeEndpoint.class);
        DanubeEndpoint second = context.getEndpoint("danube:/ns/b", DanubeEndpoint.class);

        assertThat(first.getConfiguration().getServiceUrl()).isEqualTo("http://other:6650");
        assertThat(second.getConfiguration().getServiceUrl()).isEqualTo("http://broker.example:6650");
        assertThat(second.getConfiguration().getToken()).isEqualTo("jwt");
        assertThat(component.getConfiguration().getServiceUrl()).isEqualTo("http://broker.example:6650");
    }

    @Test
    void generatedUriFactoryBuildsTheSamePath() throws Exception {
        String uri = context.getCamelContextExtension().getEndpointUriFactory("danube")
                .buildUri("danube", Map.of("namespace", "iot", "topic", "sensors", "partitions", 4), false);

        assertThat(uri).isEqualTo("danube:/iot/sensors?partitions=4");
        assertThat(context.getEndpoint(uri, DanubeEndpoint.class).getTopicName()).isEqualTo("/iot/sensors");
    }

    @Test
    void invalidNumericOptionIsRejectedNamingTheOption() {
        assertThatThrownBy(() -> context.getEndpoint("danube:/ns/t?concurrentConsumers=0").start())
                .hasMessageContaining("concurrentConsumers");
    }
}
