package io.danube.camel;

import io.danube.camel.consumer.DanubeConsumer;
import io.danube.camel.producer.DanubeProducer;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.MultipleConsumersSupport;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.EndpointServiceLocation;
import org.apache.camel.spi.HeaderFilterStrategy;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

/** Publish to or consume from a topic of a Danube broker. */
@UriEndpoint(firstVersion = "0.1.0", scheme = "danube", title = "Danube", syntax = "danube:/namespace/topic",
             category = { Category.MESSAGING }, headersClass = DanubeConstants.class)
public class DanubeEndpoint extends DefaultEndpoint implements EndpointServiceLocation, MultipleConsumersSupport {

    @UriPath(description = "Namespace of the topic, e.g. default.")
    @Metadata(required = true)
    private String namespace;
    @UriPath(description = "Name of the topic within the namespace; for a partitioned topic, its base name.")
    @Metadata(required = true)
    private String topic;
    @UriParam
    private DanubeConfiguration configuration;

    public DanubeEndpoint(String uri, DanubeComponent component, DanubeConfiguration configuration) {
        super(uri, component);
        this.configuration = configuration;
    }

    @Override
    public DanubeComponent getComponent() {
        return (DanubeComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() {
        return new DanubeProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        if (configuration.getSubscription() == null || configuration.getSubscription().isBlank()) {
            throw new IllegalArgumentException("A danube: consumer needs a subscription, e.g. " + getEndpointUri()
                    + "?subscription=my-subscription");
        }
        DanubeConsumer consumer = new DanubeConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    @Override
    protected void doInit() throws Exception {
        super.doInit();
        requireAtLeast("concurrentConsumers", configuration.getConcurrentConsumers(), 1);
        requireAtLeast("prefetch", configuration.getPrefetch(), 1);
        requireAtLeast("maxInFlight", configuration.getMaxInFlight(), 1);
        requireAtLeast("partitions", configuration.getPartitions(), 0);
        if (configuration.getSchemaVersionStrategy() != DanubeSchemaVersionStrategy.Latest
                && configuration.getSchemaSubject() != null) {
            requireAtLeast("schemaVersion", configuration.getSchemaVersion(), 1);
        }
        if (configuration.getHeaderFilterStrategy() == null) {
            configuration.setHeaderFilterStrategy(new DanubeHeaderFilterStrategy());
        }
    }

    private void requireAtLeast(String option, long value, long minimum) {
        if (value < minimum) {
            throw new IllegalArgumentException("Option " + option + " of " + getEndpointUri() + " must be at least "
                    + minimum + ", got " + value);
        }
    }

    /** Several routes may consume the same endpoint; they attach to the subscription as separate consumers. */
    @Override
    public boolean isMultipleConsumersSupported() {
        return true;
    }

    /** The Danube topic name, {@code /namespace/topic}. */
    public String getTopicName() {
        return "/" + namespace + "/" + topic;
    }

    public HeaderFilterStrategy getHeaderFilterStrategy() {
        return configuration.getHeaderFilterStrategy();
    }

    @Override
    public String getServiceUrl() {
        return configuration.getServiceUrl();
    }

    @Override
    public String getServiceProtocol() {
        return "grpc";
    }

    public String getNamespace() {
        return namespace;
    }

    public void setNamespace(String namespace) {
        this.namespace = namespace;
    }

    public String getTopic() {
        return topic;
    }

    public void setTopic(String topic) {
        this.topic = topic;
    }

    public DanubeConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(DanubeConfiguration configuration) {
        this.configuration = configuration;
    }
}
