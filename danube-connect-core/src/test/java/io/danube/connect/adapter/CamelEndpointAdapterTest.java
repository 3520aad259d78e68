package io.danube.connect.adapter;

import io.danube.client.consumer.Consumer;
import io.danube.client.message.OutgoingMessage;
import io.danube.client.message.ReceivedMessage;
import io.danube.client.producer.Producer;
import io.danube.connect.ConnectTestSupport;
import io.danube.connect.runtime.ConnectorRuntime;
import io.danube.connect.runtime.sink.SinkRuntime;
import io.danube.connect.runtime.source.SourceRuntime;
import org.apache.camel.ConsumerTemplate;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Any Camel endpoint as a source or a sink, through the trait adapters. */
class CamelEndpointAdapterTest extends ConnectTestSupport {

    private ConnectorRuntime runtime;

    @AfterEach
    void stopRuntime() {
        if (runtime != null) {
            runtime.stop();
        }
    }

    @Test
    void camelConsumerEndpointBecomesAStreamingSourceThatPublishesEachExchange() {
        String topic = uniqueTopic("from-seda");
        runtime = new SourceRuntime(new CamelEndpointSource(new CamelSourceSettings("seda:readings", topic, 0, true,
                "sensor")), config("seda-source", 100, Duration.ofSeconds(1)).build());
        runtime.start();
        Consumer reader = subscribe(topic, "reader");
        ProducerTemplate template = runtime.camelContext().createProducerTemplate();

        template.sendBodyAndHeaders("seda:readings", "21.5", Map.of("sensor", "s-1", "unit", "C"));

        ReceivedMessage message = reader.receive(Duration.ofSeconds(10)).orElseThrow();
        assertThat(new String(message.payload(), StandardCharsets.UTF_8)).isEqualTo("21.5");
        assertThat(message.attributes()).containsEntry("unit", "C");
        assertThat(message.routingKey()).contains("s-1");
        await("sent counted").atMost(Duration.ofSeconds(5)).until(() -> runtime.metrics().scrape()
                .contains("connector_messages_sent_total{connector=\"seda-source\",topic=\"" + topic + "\"} 1.0"));
    }

    @Test
    void camelProducerEndpointBecomesASinkThatReceivesEachRecordWithItsMetadata() {
        String topic = uniqueTopic("to-seda");
        Producer producer = reliableProducer(topic);
        runtime = new SinkRuntime(new CamelEndpointSink(new CamelSinkSettings("seda:archive", topic, "archive",
                "Shared")), config("seda-sink", 10, Duration.ofMillis(200)).build());
        runtime.start();
        await("subscription").atMost(Duration.ofSeconds(10))
                .until(() -> runtime.health().isReady());
        ConsumerTemplate archive = runtime.camelContext().createConsumerTemplate();

        producer.send(OutgoingMessage.builder("hello".getBytes(StandardCharsets.UTF_8))
                .attribute("origin", "test").build());

        Exchange received = archive.receive("seda:archive", 10_000);
        assertThat(received).isNotNull();
        assertThat(received.getIn().getBody(String.class)).isEqualTo("hello");
        assertThat(received.getIn().getHeader("origin")).isEqualTo("test");
        assertThat(received.getIn().getHeader("CamelDanubeTopic")).isEqualTo(topic);
        assertThat(runtime.stop()).isZero();
        runtime = null;
        assertThat(drain(subscribe(topic, "archive"), Duration.ofMillis(1_500))).isEmpty();
    }
}
