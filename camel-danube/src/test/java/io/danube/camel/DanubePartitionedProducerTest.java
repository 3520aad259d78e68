package io.danube.camel;

import io.danube.client.producer.KeyRouter;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class DanubePartitionedProducerTest extends DanubeTestSupport {

    private static final int PARTITIONS = 3;

    @Test
    void keyedSendsLandOnThePartitionTheClientWouldChoose() throws Exception {
        String topic = uniqueTopic("keyed");
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:send").to("danube:" + topic + "?partitions=" + PARTITIONS);
                from("danube:" + topic + "?subscription=keyed").to("mock:received");
            }
        });
        MockEndpoint received = getMockEndpoint("mock:received");
        received.expectedMessageCount(12);

        for (int i = 0; i < 12; i++) {
            template.sendBodyAndHeader("direct:send", "m" + i, DanubeConstants.ROUTING_KEY, "key-" + i);
        }

        received.assertIsSatisfied(10_000);
        for (Exchange exchange : received.getExchanges()) {
            String key = exchange.getIn().getHeader(DanubeConstants.ROUTING_KEY, String.class);
            assertThat(exchange.getIn().getHeader(DanubeConstants.PARTITION_TOPIC))
                    .as("partition of " + key)
                    .isEqualTo(topic + "-part-" + KeyRouter.partitionFor(key, PARTITIONS));
            assertThat(exchange.getIn().getHeader(DanubeConstants.TOPIC)).isEqualTo(topic);
        }
    }

    @Test
    void routingKeyExpressionSelectsThePartition() throws Exception {
        String topic = uniqueTopic("key-expression");
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:send").to("danube:" + topic + "?partitions=" + PARTITIONS
                        + "&routingKey=${header.customer}");
            }
        });

        for (String customer : List.of("alice", "bob", "carol", "dave")) {
            Exchange result = template.request("direct:send", e -> {
                e.getIn().setBody("order");
                e.getIn().setHeader("customer", customer);
            });
            assertThat(result.getException()).isNull();
            assertThat(result.getMessage().getHeader(DanubeConstants.PARTITION_TOPIC))
                    .isEqualTo(topic + "-part-" + KeyRouter.partitionFor(customer, PARTITIONS));
        }
    }

    @Test
    void unkeyedSendsGoRoundRobinOverThePartitions() throws Exception {
        String topic = uniqueTopic("round-robin");
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:send").to("danube:" + topic + "?partitions=" + PARTITIONS);
            }
        });

        Map<Object, Long> perPartition = IntStream.range(0, 6)
                .mapToObj(i -> template.request("direct:send", e -> e.getIn().setBody("m" + i)))
                .map(result -> result.getMessage().getHeader(DanubeConstants.PARTITION_TOPIC))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));

        assertThat(perPartition).containsOnly(
                Map.entry(topic + "-part-0", 2L), Map.entry(topic + "-part-1", 2L), Map.entry(topic + "-part-2", 2L));
    }
}
