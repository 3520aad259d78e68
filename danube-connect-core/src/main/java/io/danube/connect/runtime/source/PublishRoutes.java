package io.danube.connect.runtime.source;

import io.danube.connect.api.ProducerConfig;
import io.danube.connect.config.RetrySettings;
import io.danube.connect.config.SchemaMapping;
import io.danube.connect.runtime.RetryRedelivery;
import org.apache.camel.Exchange;
import org.apache.camel.builder.DefaultErrorHandlerBuilder;
import org.apache.camel.builder.RouteBuilder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One route per destination topic, from {@code direct:danube-source-<connector>-<i>} to a {@code danube:} producer:
 * the topic's partitions, reliable dispatch and {@code maxInFlight}, producer name {@code <connector>-<topic>}, its
 * {@code [[schemas]]} entry. A failed send is redelivered by the route's error handler with the {@code [retry]}
 * backoff, scheduled by Camel without blocking a thread: a permanent failure ({@link PublishErrors}) is not
 * redelivered, a retryable one {@code max_retries} times, or until the route stops when the exchange says so
 * ({@link #RETRY_UNTIL_STOPPED}: a record the source cannot get back). When the route gives up, the exception stays
 * on the exchange for the sender.
 */
final class PublishRoutes extends RouteBuilder {

    /** Exchange property: {@code true} to retry a retryable failure until the route stops. */
    static final String RETRY_UNTIL_STOPPED = "DanubeSourceRetryUntilStopped";
    /** Exchange property: redeliveries made so far. */
    private static final String REDELIVERIES = "DanubeSourceRedeliveries";

    /** Told of each failed attempt the route redelivers. */
    @FunctionalInterface
    interface RetryListener {
        void retrying(String exchangeId, String topic, Exception error);
    }

    private final String connectorName;
    private final List<ProducerConfig> producers;
    private final Map<String, SchemaMapping> schemasByTopic;
    private final RetrySettings retry;
    private final RetryListener retrying;
    private final Map<String, String> inputsByTopic = new LinkedHashMap<>();

    /** @param retrying told the exchange, topic and error before each redelivery */
    PublishRoutes(String connectorName, List<ProducerConfig> producers, Map<String, SchemaMapping> schemasByTopic,
                  RetrySettings retry, RetryListener retrying) {
        this.connectorName = connectorName;
        this.producers = List.copyOf(producers);
        this.schemasByTopic = Map.copyOf(schemasByTopic);
        this.retry = retry;
        this.retrying = retrying;
        for (int i = 0; i < producers.size(); i++) {
            inputsByTopic.put(producers.get(i).topic(), "direct:" + routeId(i));
        }
    }

    /** The {@code direct:} input of each topic's route. */
    Map<String, String> inputsByTopic() {
        return Map.copyOf(inputsByTopic);
    }

    List<String> routeIds() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < producers.size(); i++) {
            ids.add(routeId(i));
        }
        return ids;
    }

    private String routeId(int index) {
        return "danube-source-" + connectorName + "-" + index;
    }

    @Override
    public void configure() {
        for (int i = 0; i < producers.size(); i++) {
            ProducerConfig producer = producers.get(i);
            DefaultErrorHandlerBuilder errorHandler = RetryRedelivery.errorHandler(retry, -1);
            errorHandler.setRetryWhilePredicate(this::shouldRedeliver);
            from("direct:" + routeId(i)).routeId(routeId(i))
                    .errorHandler(errorHandler
                            .asyncDelayedRedelivery()
                            .onRedelivery(exchange -> {
                                exchange.setProperty(REDELIVERIES, redeliveries(exchange) + 1);
                                retrying.retrying(exchange.getExchangeId(), producer.topic(), caught(exchange));
                            }))
                    .to(producerUri(producer, schemasByTopic.get(producer.topic())));
        }
    }

    private boolean shouldRedeliver(Exchange exchange) {
        if (PublishErrors.isPermanent(caught(exchange))) {
            return false;
        }
        return exchange.getProperty(RETRY_UNTIL_STOPPED, false, Boolean.class)
               || redeliveries(exchange) < retry.maxRetries();
    }

    private static int redeliveries(Exchange exchange) {
        return exchange.getProperty(REDELIVERIES, 0, Integer.class);
    }

    private static Exception caught(Exchange exchange) {
        Exception caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        return caught != null ? caught : exchange.getException();
    }

    private String producerUri(ProducerConfig producer, SchemaMapping schema) {
        String name = connectorName + "-" + producer.topic().replaceFirst("^/", "").replace('/', '-');
        StringBuilder uri = new StringBuilder("danube:").append(producer.topic())
                .append("?producerName=RAW(").append(name).append(")")
                .append("&partitions=").append(producer.partitions())
                .append("&dispatchStrategy=").append(producer.reliableDispatch() ? "Reliable" : "NonReliable")
                .append("&maxInFlight=").append(producer.maxInFlight());
        if (schema != null) {
            uri.append("&schemaSubject=RAW(").append(schema.subject()).append(")")
                    .append("&schemaVersionStrategy=").append(switch (schema.versionStrategy().kind()) {
                        case LATEST -> "Latest";
                        case PINNED -> "Pinned";
                        case MINIMUM -> "Minimum";
                    })
                    .append("&schemaVersion=").append(schema.versionStrategy().version());
        }
        return uri.toString();
    }
}
