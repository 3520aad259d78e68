package io.danube.connect.runtime.sink;

import io.danube.connect.api.ConsumerConfig;
import io.danube.connect.api.ErrorCategory;
import io.danube.connect.api.FatalException;
import io.danube.connect.api.InvalidDataException;
import io.danube.connect.api.RejectedRecordsException;
import io.danube.connect.config.ProcessingSettings;
import io.danube.connect.config.RetrySettings;
import io.danube.connect.runtime.RetryRedelivery;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.ChoiceDefinition;
import org.apache.camel.model.OnExceptionDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.util.concurrent.SynchronousExecutorService;

import java.util.ArrayList;
import java.util.List;

/**
 * The routes of one sink connector, started in this order:
 * <pre>
 * dead-letter:  direct:…-dead-letter → compose → danube:&lt;dlq topic&gt; (reliable) → ack    (failure: nack)
 * record:       direct:…-record → processBatch([record]) → ack
 *               error handler: dead-letter channel; retryable: redelivery with backoff, then nack; fatal: stop
 * isolate:      direct:…-isolate → split → direct:…-record   (one record alone: straight to the dead-letter route)
 * batch:        direct:…-batch → throttle 1 → processBatch(batch) → ack
 *               onException: retryable: redelivery with backoff, then nack; invalid data: direct:…-isolate;
 *               rejected records: ack the rest, dead-letter those; fatal: nack and stop
 * batches:      direct:…-batches → aggregate (size, timeout, linger) → direct:…-batch
 * consumer i:   danube:&lt;topic&gt; (manual acknowledgement) → intake (a PendingRecord) → direct:…-batches
 * </pre>
 * The dead-letter producers start first, so a broker that refuses them (a missing namespace) fails the start before any
 * subscription is made. A completed batch is processed on the thread that completed it (Camel's synchronous executor
 * instead of the aggregator's default single thread with an unbounded queue): a consumer thread when the batch is full,
 * Camel's timeout checker thread after the timeout or linger. So a consumer thread waits while a batch is processed,
 * which bounds what is consumed ahead of the sink, and the throttle (one exchange in flight) keeps the two threads from
 * processing batches at the same time. With one consumer route batches keep their order: while the timeout checker
 * processes a batch the consumer thread can only complete the next one, and while the consumer thread processes a
 * batch nothing is aggregated that could time out.
 */
final class SinkRoutes extends RouteBuilder {

    private final String prefix;
    private final List<ConsumerConfig> consumers;
    private final ProcessingSettings processing;
    private final RetrySettings retry;
    private final Intake intake;
    private final SinkAdapter adapter;
    private final DeadLetters deadLetters;
    private final List<String> routeIds = new ArrayList<>();
    private final List<String> consumerRouteIds = new ArrayList<>();

    /** @param prefix route ids and {@code direct:} names start with it */
    SinkRoutes(String prefix, List<ConsumerConfig> consumers, ProcessingSettings processing, RetrySettings retry,
               Intake intake, SinkAdapter adapter, DeadLetters deadLetters) {
        this.prefix = prefix;
        this.consumers = List.copyOf(consumers);
        this.processing = processing;
        this.retry = retry;
        this.intake = intake;
        this.adapter = adapter;
        this.deadLetters = deadLetters;
    }

    static String deadLetterUri(String prefix) {
        return "direct:" + prefix + "-dead-letter";
    }

    static String batchesUri(String prefix) {
        return "direct:" + prefix + "-batches";
    }

    static String batchesRouteId(String prefix) {
        return prefix + "-batches";
    }

    /** The ids of the routes, in start order. */
    List<String> routeIds() {
        return List.copyOf(routeIds);
    }

    /** The ids of the consumer routes, one per consumer config in its order. */
    List<String> consumerRouteIds() {
        return List.copyOf(consumerRouteIds);
    }

    @Override
    public void configure() {
        deadLetterRoute();
        recordRoute();
        isolateRoute();
        batchRoute();
        batchesRoute();
        for (int i = 0; i < consumers.size(); i++) {
            String routeId = prefix + "-" + i;
            routeIds.add(routeId);
            consumerRouteIds.add(routeId);
            from(consumerUri(consumers.get(i))).routeId(routeId)
                    .process(intake.of(consumers.get(i)))
                    .to(batchesUri(prefix));
        }
    }

    private void deadLetterRoute() {
        String routeId = prefix + "-dead-letter";
        routeIds.add(routeId);
        ChoiceDefinition byConsumer = from(deadLetterUri(prefix)).routeId(routeId)
                .onException(Exception.class).handled(true).logExhausted(false).process(deadLetters::failed).end()
                .process(deadLetters::compose)
                .choice();
        for (ConsumerConfig consumer : consumers) {
            byConsumer.when(DeadLetters.consumedBy(consumer))
                    .to("danube:" + consumer.effectiveDeadLetterTopic() + "?dispatchStrategy=Reliable");
        }
        byConsumer.end().process(deadLetters::published);
    }

    private void recordRoute() {
        String routeId = prefix + "-record";
        routeIds.add(routeId);
        RouteDefinition route = from("direct:" + routeId).routeId(routeId)
                .errorHandler(deadLetterChannel(deadLetterUri(prefix)).maximumRedeliveries(0).logExhausted(false));
        route.onException(FatalException.class).handled(true).process(adapter::fatal).end();
        retried(route.onException(Exception.class))
                .onWhen(exchange -> ErrorCategory.of(caught(exchange)) == ErrorCategory.RETRYABLE)
                .handled(true).process(adapter::giveUp).end();
        route.process(adapter::admitRecord)
                .process(adapter::write)
                .process(adapter::commit);
    }

    private void isolateRoute() {
        String routeId = prefix + "-isolate";
        routeIds.add(routeId);
        from("direct:" + routeId).routeId(routeId)
                .choice()
                    .when(exchange -> SinkAdapter.records(exchange).size() == 1)
                        .setBody(exchange -> SinkAdapter.records(exchange).get(0))
                        .to(deadLetterUri(prefix))
                    .otherwise()
                        .process(adapter::isolate)
                        .split(body()).to("direct:" + prefix + "-record").end()
                        .process(adapter::isolated)
                .end();
    }

    /** Per record: only the aggregator, with the default error handler (no redelivery to prepare for each record). */
    private void batchesRoute() {
        String routeId = batchesRouteId(prefix);
        routeIds.add(routeId);
        BatchAggregation aggregation = new BatchAggregation(processing);
        from(batchesUri(prefix)).routeId(routeId)
                .aggregate(constant(true), aggregation)
                    .completionSize(processing.batchSize())
                    .completionPredicate(aggregation.deadlinePassed())
                    .completionTimeout(aggregation.flushDelay())
                    .completionTimeoutCheckerInterval(BatchAggregation.timeoutCheckerIntervalMillis(processing))
                    .forceCompletionOnStop()
                    .executorService(new SynchronousExecutorService())
                    .to("direct:" + prefix + "-batch");
    }

    /** Per batch: one at a time through the adapter, with the error policy. */
    private void batchRoute() {
        String routeId = prefix + "-batch";
        routeIds.add(routeId);
        RouteDefinition route = from("direct:" + routeId).routeId(routeId);
        route.onException(RejectedRecordsException.class).handled(true).process(adapter::settleRejected).end();
        route.onException(InvalidDataException.class).handled(true).to("direct:" + prefix + "-isolate").end();
        route.onException(FatalException.class).handled(true).process(adapter::fatal).end();
        retried(route.onException(Exception.class)).handled(true).process(adapter::giveUp).end();
        route.throttle(constant(1)).concurrentRequestsMode()
                .process(adapter::admit)
                .process(adapter::write)
                .process(adapter::commit);
    }

    /** Redelivery with the {@code [retry]} delays (see {@link RetryRedelivery}); the adapter logs each retry. */
    private OnExceptionDefinition retried(OnExceptionDefinition clause) {
        clause.setRedeliveryPolicyType(RetryRedelivery.policy(retry, retry.maxRetries()).logRetryAttempted(false));
        return clause.onRedelivery(adapter::retrying);
    }

    private static Throwable caught(Exchange exchange) {
        Throwable error = exchange.getException();
        return error != null ? error : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
    }

    private String consumerUri(ConsumerConfig consumer) {
        int prefetch = Math.max(10, Math.min(processing.batchSize(), 1000));
        return "danube:" + consumer.topic()
               + "?subscription=RAW(" + consumer.subscription() + ")"
               + "&subscriptionType=" + consumer.subscriptionType().endpointValue()
               + "&consumerName=RAW(" + consumer.consumerName() + ")"
               + "&allowManualAcknowledgement=true"
               + "&prefetch=" + prefetch;
    }
}
