package io.danube.bench.camel;

import io.danube.bench.BenchOptions;
import io.danube.bench.BenchResult;
import io.danube.bench.Medians;
import io.danube.bench.ProduceLoad;
import io.danube.bench.Progress;
import io.danube.bench.Scenario;
import io.danube.bench.WindowedLoad;
import io.danube.camel.DanubeComponent;
import io.danube.client.DanubeClient;
import io.danube.client.message.OutgoingMessage;
import io.danube.client.producer.DispatchMode;
import io.danube.client.producer.Producer;
import io.danube.connect.config.RetrySettings;
import io.danube.connect.runtime.RetryRedelivery;
import io.danube.embedded.EmbeddedDanube;
import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * {@code camel-produce}: the same load sent through a Camel route shaped like the SDK source runtime's publish route
 * ({@code direct:} to {@code danube:} with the asynchronous producer, behind the {@code [retry]} redelivery error
 * handler) and through the raw client producer, with the same partitions, {@code maxInFlight} and
 * window of sends in flight, against one embedded broker in the same run. Rounds alternate between the two.
 */
public final class CamelProduceScenario implements Scenario {

    private static final String ROUTE_INPUT = "direct:bench";

    @Override
    public String name() {
        return "camel-produce";
    }

    @Override
    public Set<String> options() {
        return ProduceLoad.OPTIONS;
    }

    @Override
    public List<BenchResult> run(BenchOptions options) throws Exception {
        ProduceLoad load = ProduceLoad.from(options);
        int messages = load.messages();
        int size = load.size();
        int partitions = load.partitions();
        int window = load.window();
        int warmup = load.warmup();
        int rounds = load.rounds();
        byte[] payload = new byte[size];
        OutgoingMessage message = OutgoingMessage.of(payload);

        Medians route = new Medians();
        Medians raw = new Medians();
        try (EmbeddedDanube broker = EmbeddedDanube.start();
             DanubeClient client = DanubeClient.builder().serviceUrl(broker.serviceUrl()).build();
             CamelContext camel = new DefaultCamelContext()) {
            Producer rawProducer = client.newProducer()
                    .topic("/default/bench-raw")
                    .name("raw")
                    .partitions(partitions)
                    .dispatchMode(DispatchMode.RELIABLE)
                    .maxInFlight(window)
                    .create();
            AsyncProducer routeInput = startRoute(camel, broker.serviceUrl(), partitions, window);
            Endpoint input = camel.getEndpoint(ROUTE_INPUT);

            Progress.log("warming up: %d messages per mode", warmup);
            WindowedLoad.run(warmup, window, i -> rawProducer.sendAsync(message));
            WindowedLoad.run(warmup, window, i -> sendThroughRoute(routeInput, input, payload));

            for (int round = 1; round <= rounds; round++) {
                raw.add(WindowedLoad.run(messages, window, i -> rawProducer.sendAsync(message)));
                route.add(WindowedLoad.run(messages, window, i -> sendThroughRoute(routeInput, input, payload)));
                Progress.log("round %d/%d: route %.0f msg/s, raw client %.0f msg/s (%.0f %%)", round, rounds,
                        route.last(), raw.last(), 100 * route.last() / raw.last());
            }
        }
        return List.of(new BenchResult(name(), "route_vs_raw_client", route.median(), raw.median(), "msg/s"));
    }

    private static AsyncProducer startRoute(CamelContext camel, String serviceUrl, int partitions, int window)
            throws Exception {
        DanubeComponent danube = new DanubeComponent();
        danube.getConfiguration().setServiceUrl(serviceUrl);
        camel.addComponent("danube", danube);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(ROUTE_INPUT)
                        .errorHandler(RetryRedelivery.errorHandler(RetrySettings.DEFAULTS).asyncDelayedRedelivery())
                        .to("danube:/default/bench-camel?producerName=camel&dispatchStrategy=Reliable"
                        + "&partitions=" + partitions + "&maxInFlight=" + window);
            }
        });
        camel.start();
        AsyncProducer producer = camel.getEndpoint(ROUTE_INPUT).createAsyncProducer();
        producer.start();
        return producer;
    }

    private static CompletableFuture<Exchange> sendThroughRoute(AsyncProducer routeInput, Endpoint input,
                                                                byte[] payload) {
        Exchange exchange = input.createExchange();
        exchange.getIn().setBody(payload);
        return routeInput.processAsync(exchange).thenCompose(done -> done.getException() == null
                ? CompletableFuture.completedFuture(done)
                : CompletableFuture.failedFuture(done.getException()));
    }
}
