package io.danube.connect.clickhouse.http;

import io.danube.connect.api.RetryableException;
import io.danube.connect.clickhouse.config.ClickHouseSettings;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.jsse.SSLContextParameters;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * ClickHouse's HTTP interface through one Camel {@code http:}/{@code https:} endpoint (camel-http, pooled
 * connections): every request is a POST whose query travels in the {@code query} URL parameter and whose body is the
 * data (or the statement itself). Credentials go in {@code X-ClickHouse-User} / {@code X-ClickHouse-Key}; with
 * {@code compression = "gzip"} the body is sent with {@code Content-Encoding: gzip}, which camel-http compresses.
 */
public final class ClickHouseHttp implements AutoCloseable {

    private static final String EXCEPTION_CODE = "X-ClickHouse-Exception-Code";

    private final ClickHouseSettings settings;
    private final ProducerTemplate template;
    private final Endpoint endpoint;

    /** @param tls the trust material for an https URL, registered as {@code sslBean}; empty for the JVM default */
    public ClickHouseHttp(CamelContext camel, ClickHouseSettings settings, Optional<SSLContextParameters> tls,
                          String sslBean) {
        this.settings = settings;
        StringBuilder uri = new StringBuilder(settings.url()).append("/?httpMethod=POST&throwExceptionOnFailure=false")
                .append("&connectTimeout=").append(settings.connectTimeoutMs())
                .append("&connectionRequestTimeout=").append(settings.connectTimeoutMs())
                .append("&responseTimeout=").append(settings.requestTimeoutMs())
                .append("&soTimeout=").append(settings.requestTimeoutMs());
        tls.ifPresent(parameters -> {
            camel.getRegistry().bind(sslBean, parameters);
            uri.append("&sslContextParameters=#").append(sslBean);
        });
        this.endpoint = camel.getEndpoint(uri.toString());
        this.template = camel.createProducerTemplate();
    }

    /**
     * Runs {@code query} with {@code data} as the request body ({@code INSERT … FORMAT JSONEachRow}); empty when the
     * server accepted it, else the server's error.
     *
     * @param settingsQuery further URL parameters ({@code name=value&…}) such as input format settings, or empty
     * @throws RetryableException when ClickHouse could not be reached or did not answer in time
     */
    public Optional<ServerError> insert(String query, String settingsQuery, byte[] data) {
        return post("query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)
                    + (settingsQuery.isEmpty() ? "" : "&" + settingsQuery), data, settings.gzip());
    }

    /** Runs a statement sent as the body (DDL, {@code SELECT 1}); empty when it succeeded, else the server's error. */
    public Optional<ServerError> execute(String statement) {
        return post("", statement.getBytes(StandardCharsets.UTF_8), false);
    }

    private Optional<ServerError> post(String query, byte[] body, boolean gzip) {
        Exchange reply = template.send(endpoint, exchange -> {
            Message in = exchange.getIn();
            in.setBody(body);
            in.setHeader(Exchange.HTTP_QUERY, query);
            if (gzip) {
                in.setHeader(Exchange.CONTENT_ENCODING, "gzip");
            }
            if (settings.user() != null) {
                in.setHeader("X-ClickHouse-User", settings.user());
            }
            if (settings.password() != null) {
                in.setHeader("X-ClickHouse-Key", settings.password());
            }
        });
        if (reply.getException() != null) {
            Throwable cause = reply.getException();
            throw new RetryableException("ClickHouse at " + settings.url() + " not reachable: " + cause, cause);
        }
        Message answer = reply.getMessage();
        int status = answer.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        if (status >= 200 && status < 300) {
            return Optional.empty();
        }
        return Optional.of(ServerError.of(status, answer.getHeader(EXCEPTION_CODE, String.class),
                answer.getBody(String.class)));
    }

    @Override
    public void close() {
        template.stop();
    }
}
