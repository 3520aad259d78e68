package io.danube.camel;

import io.danube.camel.client.DanubeClientLease;
import io.danube.camel.client.DanubeClientPool;
import io.danube.camel.client.DanubeClientSettings;
import io.danube.camel.consumer.DanubeMessageReceiptFactory;
import io.danube.camel.consumer.DefaultDanubeMessageReceiptFactory;
import io.danube.client.DanubeClient;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.HealthCheckComponent;

import java.util.Map;

/**
 * The {@code danube:} component. Its {@link DanubeConfiguration} holds defaults for every endpoint; producers and
 * consumers share one client per distinct connection settings, or the {@link DanubeClient} bean of the registry when
 * there is exactly one.
 */
@Component("danube")
public class DanubeComponent extends HealthCheckComponent {

    @Metadata(description = "Options applied to every endpoint of this component; endpoint options override them.")
    private DanubeConfiguration configuration = new DanubeConfiguration();
    @Metadata(label = "advanced", autowired = true,
              description = "A client to use for every endpoint instead of clients built from the connection"
                            + " options. It is neither created nor closed by the component.")
    private DanubeClient client;
    @Metadata(label = "consumer,advanced",
              description = "Creates the receipt that acknowledges a consumed message; replace it to customise"
                            + " manual acknowledgement.")
    private DanubeMessageReceiptFactory messageReceiptFactory = new DefaultDanubeMessageReceiptFactory();

    private final DanubeClientPool clients = new DanubeClientPool();

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        DanubeTopicPath path = DanubeTopicPath.parse(remaining);
        DanubeEndpoint endpoint = new DanubeEndpoint(uri, this, configuration.copy());
        endpoint.setNamespace(path.namespace());
        endpoint.setTopic(path.topic());
        setProperties(endpoint, parameters);
        return endpoint;
    }

    /**
     * The client for an endpoint with {@code endpointConfiguration}: the configured client bean, else the shared
     * client for its connection settings. Close the lease when the producer or consumer stops.
     */
    public DanubeClientLease acquireClient(DanubeConfiguration endpointConfiguration) {
        DanubeClient bean = client;
        if (bean != null) {
            return new DanubeClientLease(bean, () -> { });
        }
        DanubeClientSettings settings = DanubeClientSettings.of(endpointConfiguration);
        return new DanubeClientLease(clients.acquire(settings), () -> clients.release(settings));
    }

    /** Number of clients the component created and still holds open. */
    public int openClients() {
        return clients.size();
    }

    @Override
    protected void doStop() throws Exception {
        clients.closeAll();
        super.doStop();
    }

    public DanubeConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(DanubeConfiguration configuration) {
        this.configuration = configuration;
    }

    public DanubeClient getClient() {
        return client;
    }

    public void setClient(DanubeClient client) {
        this.client = client;
    }

    public DanubeMessageReceiptFactory getMessageReceiptFactory() {
        return messageReceiptFactory;
    }

    public void setMessageReceiptFactory(DanubeMessageReceiptFactory messageReceiptFactory) {
        this.messageReceiptFactory = messageReceiptFactory;
    }
}
