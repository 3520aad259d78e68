package io.danube.connect.adapter;

import io.danube.camel.DanubeConstants;
import io.danube.connect.api.ConnectorContext;
import io.danube.connect.api.ConnectorException;
import io.danube.connect.api.ConsumerConfig;
import io.danube.connect.api.RetryableException;
import io.danube.connect.api.SinkConnector;
import io.danube.connect.api.SinkRecord;
import io.danube.connect.api.SubscriptionType;
import io.danube.connect.config.ConfigException;
import io.danube.connect.config.ConnectorConfig;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

import java.util.HashMap;
import java.util.List;

/**
 * A sink over any Camel producer endpoint: every record of a batch is sent, in order, as one exchange (payload bytes
 * as the body, attributes as headers, plus {@code CamelDanubeTopic}, {@code CamelDanubePartitionTopic},
 * {@code CamelDanubeOffset}, {@code CamelDanubePublishTime} and {@code CamelDanubeProducerName}). An endpoint failure
 * is retryable unless it is already a connector error (throw {@link io.danube.connect.api.InvalidDataException} from
 * a processor in the endpoint's route to dead-letter a record).
 *
 * <p>From a config file: {@code connector_class = "io.danube.connect.adapter.CamelEndpointSink"} with a
 * {@code [camel_sink]} section ({@link CamelSinkSettings}).
 */
public class CamelEndpointSink implements SinkConnector {

    private CamelSinkSettings settings;
    private CamelContext camel;
    private ProducerTemplate template;
    private String connectorName;

    /** For the launcher: reads {@code [camel_sink]} in {@link #initialize}. */
    public CamelEndpointSink() {
    }

    /** For code: these settings instead of a config section. */
    public CamelEndpointSink(CamelSinkSettings settings) {
        this.settings = settings;
    }

    @Override
    public void initialize(ConnectorContext context) {
        ConnectorConfig config = context.config();
        camel = context.camelContext();
        if (settings == null) {
            settings = config.section("camel_sink", CamelSinkSettings.class);
        }
        ConfigException.requireText("camel_sink.to_uri", settings.toUri());
        ConfigException.requireText("camel_sink.topic", settings.topic());
        ConfigException.requireText("camel_sink.subscription", settings.subscription());
        connectorName = config.connectorName();
        template = camel.createProducerTemplate();
    }

    @Override
    public List<ConsumerConfig> consumerConfigs() {
        SubscriptionType type = settings.subscriptionType() == null ? SubscriptionType.SHARED
                : SubscriptionType.parse(settings.subscriptionType());
        return List.of(new ConsumerConfig(settings.topic(), connectorName + "-" + settings.subscription(),
                settings.subscription(), type));
    }

    @Override
    public void processBatch(List<SinkRecord> records) {
        for (SinkRecord record : records) {
            Exchange result = template.send(settings.toUri(), exchange -> {
                exchange.getIn().setBody(record.payload());
                exchange.getIn().setHeaders(new HashMap<>(record.attributes()));
                exchange.getIn().setHeader(DanubeConstants.TOPIC, record.topic());
                exchange.getIn().setHeader(DanubeConstants.PARTITION_TOPIC, record.partition());
                exchange.getIn().setHeader(DanubeConstants.OFFSET, record.offset());
                exchange.getIn().setHeader(DanubeConstants.PUBLISH_TIME, record.publishTime());
                exchange.getIn().setHeader(DanubeConstants.PRODUCER_NAME, record.producerName());
            });
            Exception error = result.getException();
            if (error instanceof ConnectorException connectorError) {
                throw connectorError;
            }
            if (error != null) {
                throw new RetryableException("Endpoint " + settings.toUri() + " failed for " + record, error,
                        record.context());
            }
        }
    }

    @Override
    public void shutdown() {
        if (template != null) {
            template.stop();
        }
    }
}
