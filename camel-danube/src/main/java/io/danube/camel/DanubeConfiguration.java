package io.danube.camel;

import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.HeaderFilterStrategy;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

import java.util.Arrays;
import java.util.List;

/**
 * Options of a {@code danube:} endpoint. The component holds one instance whose values every endpoint starts from;
 * each endpoint works on its own {@link #copy()}.
 */
@UriParams
public class DanubeConfiguration implements Cloneable {

    @UriParam(defaultValue = "http://localhost:6650",
              description = "URL of the Danube broker: http://host:port for plaintext, https://host:port for TLS."
                            + " Endpoints with the same connection options share one client.")
    private String serviceUrl = "http://localhost:6650";
    @UriParam(label = "security", secret = true,
              description = "JWT sent as a bearer token on every call. A token implies TLS: without tlsCaFile the"
                            + " JVM's default trust roots are used.")
    private String token;
    @UriParam(label = "security",
              description = "PEM file with the CA certificates to trust; enables TLS.")
    private String tlsCaFile;
    @UriParam(label = "security",
              description = "PEM client certificate for mutual TLS; requires tlsCaFile and tlsKeyFile.")
    private String tlsCertFile;
    @UriParam(label = "security",
              description = "PEM private key of tlsCertFile for mutual TLS.")
    private String tlsKeyFile;
    @UriParam(label = "advanced", defaultValue = "10000", javaType = "java.time.Duration",
              description = "Deadline of every call to the broker, in milliseconds; each retry gets a fresh one.")
    private long deadline = 10_000;
    @UriParam(label = "advanced", defaultValue = "5",
              description = "How often a failed broker call is retried (UNAVAILABLE, DEADLINE_EXCEEDED,"
                            + " RESOURCE_EXHAUSTED) before it fails.")
    private int maxRetries = 5;
    @UriParam(label = "advanced", defaultValue = "200", javaType = "java.time.Duration",
              description = "Backoff before the first retry, in milliseconds; doubled per retry with jitter.")
    private long retryBaseDelay = 200;
    @UriParam(label = "advanced", defaultValue = "5000", javaType = "java.time.Duration",
              description = "Upper bound of any retry or re-subscription backoff, in milliseconds.")
    private long retryMaxDelay = 5_000;
    @UriParam(label = "advanced", defaultValue = "5000", javaType = "java.time.Duration",
              description = "How often producers and consumers ask the broker whether it still knows them, in"
                            + " milliseconds.")
    private long clientHealthCheckInterval = 5_000;
    @UriParam(label = "filter",
              description = "Decides which Camel headers become Danube attributes and which attributes become"
                            + " headers. The default passes everything except Camel's own headers.")
    private HeaderFilterStrategy headerFilterStrategy;

    @UriParam(label = "producer",
              description = "Producer name, unique per topic; partition i uses <name>-<i>. Defaults to a name"
                            + " derived from the topic and a random suffix.")
    private String producerName;
    @UriParam(label = "producer", defaultValue = "0",
              description = "Number of partitions <topic>-part-0..n-1 to publish to; 0 publishes to the topic"
                            + " itself. Keyed messages go to the partition of their key's hash, others round-robin.")
    private int partitions;
    @UriParam(label = "producer", defaultValue = "NonReliable",
              description = "Delivery guarantee of the topic, fixed by the producer that creates it.")
    private DanubeDispatchStrategy dispatchStrategy = DanubeDispatchStrategy.NonReliable;
    @UriParam(label = "producer",
              description = "Schema registry subject whose id and version are stamped on every message.")
    private String schemaSubject;
    @UriParam(label = "producer", defaultValue = "Latest",
              description = "Which version of schemaSubject to use, resolved once when the producer starts.")
    private DanubeSchemaVersionStrategy schemaVersionStrategy = DanubeSchemaVersionStrategy.Latest;
    @UriParam(label = "producer", defaultValue = "0",
              description = "Schema version for the Pinned and Minimum strategies.")
    private int schemaVersion;
    @UriParam(label = "producer", defaultValue = "1",
              description = "Sends in flight per partition. 1 keeps the send order; more pipelines sends for"
                            + " throughput, and the broker then stores them in arrival order.")
    private int maxInFlight = 1;
    @UriParam(label = "producer",
              description = "Routing key of every message, a Simple expression such as ${header.customerId}. The"
                            + " CamelDanubeRoutingKey header takes precedence.")
    private String routingKey;

    @UriParam(label = "consumer",
              description = "Name of the subscription to consume from; required by consumers.")
    private String subscription;
    @UriParam(label = "consumer", defaultValue = "Shared",
              description = "How the subscription spreads messages over its consumers.")
    private DanubeSubscriptionType subscriptionType = DanubeSubscriptionType.Shared;
    @UriParam(label = "consumer",
              description = "Consumer name; subscribing under the same name resumes the same broker-side"
                            + " consumer. Defaults to the subscription name for Exclusive subscriptions, so that a"
                            + " restarted application gets its subscription back, and to the subscription name plus"
                            + " a random suffix for the other types.")
    private String consumerName;
    @UriParam(label = "consumer",
              description = "Comma-separated routing-key globs (* and ?) accepted by a KeyShared consumer.")
    private String keyFilters;
    @UriParam(label = "consumer", defaultValue = "1",
              description = "Threads processing messages of the subscription in parallel. With more than one,"
                            + " messages are not processed in order.")
    private int concurrentConsumers = 1;
    @UriParam(label = "consumer", defaultValue = "100",
              description = "Messages buffered ahead of processing (split across partitions).")
    private int prefetch = 100;
    @UriParam(label = "consumer", defaultValue = "false",
              description = "Do not acknowledge when the exchange completes; put a DanubeMessageReceipt in the"
                            + " CamelDanubeMessageReceipt header instead. A failed exchange is still nacked unless"
                            + " the receipt was used.")
    private boolean allowManualAcknowledgement;
    @UriParam(label = "consumer", defaultValue = "0", javaType = "java.time.Duration",
              description = "Redelivery delay requested when a failed exchange is nacked, in milliseconds; 0 leaves"
                            + " it to the broker's backoff, which the broker applies as a minimum anyway.")
    private long nackRedeliveryDelay;
    @UriParam(label = "consumer,advanced", defaultValue = "200", javaType = "java.time.Duration",
              description = "How long each consumer thread waits for a message before checking whether it should"
                            + " stop, in milliseconds.")
    private long receiveTimeout = 200;

    /** An independent copy, so an endpoint's options never change the component's. */
    public DanubeConfiguration copy() {
        try {
            return (DanubeConfiguration) clone();
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }

    /** The key filters as a list; empty when none are configured. */
    public List<String> keyFilterList() {
        if (keyFilters == null || keyFilters.isBlank()) {
            return List.of();
        }
        return Arrays.stream(keyFilters.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    public String getServiceUrl() {
        return serviceUrl;
    }

    public void setServiceUrl(String serviceUrl) {
        this.serviceUrl = serviceUrl;
    }

    public String getToken() {
        return token;
    }

    public void setToken(String token) {
        this.token = token;
    }

    public String getTlsCaFile() {
        return tlsCaFile;
    }

    public void setTlsCaFile(String tlsCaFile) {
        this.tlsCaFile = tlsCaFile;
    }

    public String getTlsCertFile() {
        return tlsCertFile;
    }

    public void setTlsCertFile(String tlsCertFile) {
        this.tlsCertFile = tlsCertFile;
    }

    public String getTlsKeyFile() {
        return tlsKeyFile;
    }

    public void setTlsKeyFile(String tlsKeyFile) {
        this.tlsKeyFile = tlsKeyFile;
    }

    public long getDeadline() {
        return deadline;
    }

    public void setDeadline(long deadline) {
        this.deadline = deadline;
    }

    public int getMaxRetries() {
        return maxRetries;
    }

    public void setMaxRetries(int maxRetries) {
        this.maxRetries = maxRetries;
    }

    public long getRetryBaseDelay() {
        return retryBaseDelay;
    }

    public void setRetryBaseDelay(long retryBaseDelay) {
        this.retryBaseDelay = retryBaseDelay;
    }

    public long getRetryMaxDelay() {
        return retryMaxDelay;
    }

    public void setRetryMaxDelay(long retryMaxDelay) {
        this.retryMaxDelay = retryMaxDelay;
    }

    public long getClientHealthCheckInterval() {
        return clientHealthCheckInterval;
    }

    public void setClientHealthCheckInterval(long clientHealthCheckInterval) {
        this.clientHealthCheckInterval = clientHealthCheckInterval;
    }

    public HeaderFilterStrategy getHeaderFilterStrategy() {
        return headerFilterStrategy;
    }

    public void setHeaderFilterStrategy(HeaderFilterStrategy headerFilterStrategy) {
        this.headerFilterStrategy = headerFilterStrategy;
    }

    public String getProducerName() {
        return producerName;
    }

    public void setProducerName(String producerName) {
        this.producerName = producerName;
    }

    public int getPartitions() {
        return partitions;
    }

    public void setPartitions(int partitions) {
        this.partitions = partitions;
    }

    public DanubeDispatchStrategy getDispatchStrategy() {
        return dispatchStrategy;
    }

    public void setDispatchStrategy(DanubeDispatchStrategy dispatchStrategy) {
        this.dispatchStrategy = dispatchStrategy;
    }

    public String getSchemaSubject() {
        return schemaSubject;
    }

    public void setSchemaSubject(String schemaSubject) {
        this.schemaSubject = schemaSubject;
    }

    public DanubeSchemaVersionStrategy getSchemaVersionStrategy() {
        return schemaVersionStrategy;
    }

    public void setSchemaVersionStrategy(DanubeSchemaVersionStrategy schemaVersionStrategy) {
        this.schemaVersionStrategy = schemaVersionStrategy;
    }

    public int getSchemaVersion() {
        return schemaVersion;
    }

    public void setSchemaVersion(int schemaVersion) {
        this.schemaVersion = schemaVersion;
    }

    public int getMaxInFlight() {
        return maxInFlight;
    }

    public void setMaxInFlight(int maxInFlight) {
        this.maxInFlight = maxInFlight;
    }

    public String getRoutingKey() {
        return routingKey;
    }

    public void setRoutingKey(String routingKey) {
        this.routingKey = routingKey;
    }

    public String getSubscription() {
        return subscription;
    }

    public void setSubscription(String subscription) {
        this.subscription = subscription;
    }

    public DanubeSubscriptionType getSubscriptionType() {
        return subscriptionType;
    }

    public void setSubscriptionType(DanubeSubscriptionType subscriptionType) {
        this.subscriptionType = subscriptionType;
    }

    public String getConsumerName() {
        return consumerName;
    }

    public void setConsumerName(String consumerName) {
        this.consumerName = consumerName;
    }

    public String getKeyFilters() {
        return keyFilters;
    }

    public void setKeyFilters(String keyFilters) {
        this.keyFilters = keyFilters;
    }

    public int getConcurrentConsumers() {
        return concurrentConsumers;
    }

    public void setConcurrentConsumers(int concurrentConsumers) {
        this.concurrentConsumers = concurrentConsumers;
    }

    public int getPrefetch() {
        return prefetch;
    }

    public void setPrefetch(int prefetch) {
        this.prefetch = prefetch;
    }

    public boolean isAllowManualAcknowledgement() {
        return allowManualAcknowledgement;
    }

    public void setAllowManualAcknowledgement(boolean allowManualAcknowledgement) {
        this.allowManualAcknowledgement = allowManualAcknowledgement;
    }

    public long getNackRedeliveryDelay() {
        return nackRedeliveryDelay;
    }

    public void setNackRedeliveryDelay(long nackRedeliveryDelay) {
        this.nackRedeliveryDelay = nackRedeliveryDelay;
    }

    public long getReceiveTimeout() {
        return receiveTimeout;
    }

    public void setReceiveTimeout(long receiveTimeout) {
        this.receiveTimeout = receiveTimeout;
    }
}
