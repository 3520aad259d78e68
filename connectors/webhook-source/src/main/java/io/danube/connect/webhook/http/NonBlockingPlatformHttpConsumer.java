package io.danube.connect.webhook.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpConsumer;
import org.apache.camel.spi.HeaderFilterStrategy;

import java.util.List;
import java.util.Map;

/**
 * A platform-http consumer that holds no thread while its route waits. Camel 4.17's Vert.x consumer runs each exchange
 * with a synchronous {@code process()} on a Vert.x worker thread, so an asynchronous route step (the publish to
 * Danube) keeps that worker until the route completes; Camel has no option for this. Here the route starts on a worker
 * thread (authentication, JSON and schema checks are CPU work) through the route's asynchronous processor, the worker
 * returns as soon as the route is waiting, and the answer is written from the route's completion callback, on
 * whichever thread completes it.
 * <p>
 * The answer is the message's {@code CamelHttpResponseCode}, its headers that the endpoint's header filter lets out
 * and its body as text: what the webhook route produces (no streams, files or form data).
 */
final class NonBlockingPlatformHttpConsumer extends VertxPlatformHttpConsumer {

    NonBlockingPlatformHttpConsumer(PlatformHttpEndpoint endpoint, Processor processor,
                                    List<Handler<RoutingContext>> handlers, String routerName) {
        super(endpoint, processor, handlers, routerName);
    }

    @Override
    protected void handleRequest(RoutingContext context) {
        if (isSuspended()) {
            context.response().setStatusCode(503).end();
            return;
        }
        Exchange exchange = createExchange(false);
        exchange.setPattern(ExchangePattern.InOut);
        processHttpRequest(exchange, context).onComplete(read -> {
            if (read.failed()) {
                fail(context, exchange, read.cause());
                return;
            }
            context.vertx().executeBlocking(() -> {
                createUoW(exchange);
                getAsyncProcessor().process(exchange, doneSync -> answer(context, exchange));
                return null;
            }, false).onFailure(error -> fail(context, exchange, error));
        });
    }

    private void answer(RoutingContext context, Exchange exchange) {
        try {
            HttpServerResponse response = context.response();
            if (response.ended() || response.closed()) {
                return;
            }
            if (exchange.getException() != null) {
                handleException("Webhook route failed", exchange, exchange.getException());
                response.setStatusCode(500).end();
                return;
            }
            Message message = exchange.getMessage();
            response.setStatusCode(message.getHeader(Exchange.HTTP_RESPONSE_CODE, 200, Integer.class));
            HeaderFilterStrategy filter = getEndpoint().getHeaderFilterStrategy();
            for (Map.Entry<String, Object> header : message.getHeaders().entrySet()) {
                if (header.getValue() != null && !header.getKey().equals(Exchange.HTTP_RESPONSE_CODE)
                    && !filter.applyFilterToCamelHeaders(header.getKey(), header.getValue(), exchange)) {
                    response.putHeader(header.getKey(), header.getValue().toString());
                }
            }
            String body = message.getBody(String.class);
            if (body == null) {
                response.end();
            } else {
                response.end(body);
            }
        } finally {
            doneUoW(exchange);
            releaseExchange(exchange, false);
        }
    }

    private void fail(RoutingContext context, Exchange exchange, Throwable error) {
        handleException("Cannot hand a request to the webhook route", exchange, error);
        context.fail(error);
        releaseExchange(exchange, false);
    }
}
