package io.danube.connect.clickhouse;

import io.danube.connect.api.ConnectorContext;
import io.danube.connect.api.ConsumerConfig;
import io.danube.connect.api.FatalException;
import io.danube.connect.api.RejectedRecordsException;
import io.danube.connect.api.RejectedRecordsException.Rejection;
import io.danube.connect.api.RetryableException;
import io.danube.connect.api.SinkConnector;
import io.danube.connect.api.SinkRecord;
import io.danube.connect.clickhouse.config.ClickHouseSettings;
import io.danube.connect.clickhouse.config.RouteConfig;
import io.danube.connect.clickhouse.http.ClickHouseHttp;
import io.danube.connect.clickhouse.http.PemTrust;
import io.danube.connect.clickhouse.write.TableWriter;
import io.danube.connect.config.ConfigException;
import io.danube.connect.config.ConnectorConfig;
import io.danube.connect.logging.Redaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Danube topics into ClickHouse tables over ClickHouse's HTTP interface. Each {@code [[clickhouse.routes]]} entry
 * consumes one topic and writes one table; every flush of the runtime's batcher becomes one
 * {@code INSERT … FORMAT JSONEachRow} request per table through a Camel {@code http:} endpoint, and the runtime
 * acknowledges the messages only after every insert of the batch succeeded. Rows ClickHouse rejects for their data
 * are isolated by bisection and dead-lettered with the server's message while the rest is written; unreachable
 * servers, 5xx answers without a data error and "too many parts" are retried with backoff.
 *
 * <p>The Camel context reaches the connector only through the {@link ConnectorContext} given to {@link #initialize};
 * everything else gets it passed in.
 */
public final class ClickHouseSinkConnector implements SinkConnector {

    private static final Logger LOG = LoggerFactory.getLogger(ClickHouseSinkConnector.class);

    private ClickHouseHttp http;
    private final Map<String, TableWriter> writers = new LinkedHashMap<>();

    public ClickHouseSinkConnector() {
    }

    @Override
    public Set<String> identifyingSections() {
        return Set.of("clickhouse");
    }

    @Override
    public Map<String, String> secretEnvironment() {
        return Map.of("CLICKHOUSE_PASSWORD", "clickhouse.password", "CLICKHOUSE_USER", "clickhouse.user",
                "CLICKHOUSE_URL", "clickhouse.url", "CLICKHOUSE_DATABASE", "clickhouse.database");
    }

    @Override
    public void initialize(ConnectorContext context) {
        ConnectorConfig config = context.config();
        ClickHouseSettings settings = config.section("clickhouse", ClickHouseSettings.class);
        List<RouteConfig> routes = new ArrayList<>();
        for (int i = 0; i < settings.routes().size(); i++) {
            RouteConfig route = RouteConfig.from(settings.routes().get(i), i, config.connectorName());
            if (routes.stream().anyMatch(other -> other.topic().equals(route.topic()))) {
                throw new ConfigException("clickhouse.routes[" + i + "].from", "topic " + route.topic()
                                                                               + " is already routed by an earlier"
                                                                               + " route");
            }
            routes.add(route);
        }
        String name = config.connectorName().replaceAll("[^A-Za-z0-9_-]", "_");
        http = new ClickHouseHttp(context.camelContext(), settings, Optional.ofNullable(settings.caFile())
                .map(file -> PemTrust.parameters(config.paths().resolve("clickhouse.ca_file", file))),
                "danube-clickhouse-tls-" + name);
        for (RouteConfig route : routes) {
            writers.put(route.topic(), new TableWriter(route, settings.database(), settings.skipUnknownFields(),
                    http));
        }
        LOG.info("ClickHouse sink writing to {} database {} through {} route(s)", Redaction.redact(settings.url()),
                settings.database(), routes.size());
    }

    /** Creates the auto-created tables, now that Danube accepted the routes; a server not reachable yet is logged. */
    @Override
    public void start() {
        for (TableWriter writer : writers.values()) {
            try {
                writer.prepare();
            } catch (RetryableException e) {
                LOG.warn("Table {} not created yet, retried with the first batch: {}", writer.route().table(),
                        e.getMessage());
            }
        }
    }

    @Override
    public List<ConsumerConfig> consumerConfigs() {
        return writers.values().stream().map(writer -> writer.route().consumer()).toList();
    }

    @Override
    public void processBatch(List<SinkRecord> records) {
        Map<String, List<SinkRecord>> byTopic = new LinkedHashMap<>();
        for (SinkRecord record : records) {
            byTopic.computeIfAbsent(record.topic(), topic -> new ArrayList<>()).add(record);
        }
        List<Rejection> rejected = new ArrayList<>();
        byTopic.forEach((topic, topicRecords) -> {
            TableWriter writer = writers.get(topic);
            if (writer == null) {
                throw new FatalException("Received a record from " + topic + ", which no route reads");
            }
            rejected.addAll(writer.write(topicRecords));
        });
        if (!rejected.isEmpty()) {
            throw new RejectedRecordsException(rejected);
        }
    }

    @Override
    public void healthCheck() {
        http.execute("SELECT 1").ifPresent(error -> {
            throw new RetryableException("ClickHouse does not answer queries: " + error);
        });
    }

    @Override
    public void shutdown() {
        if (http != null) {
            http.close();
        }
    }
}
