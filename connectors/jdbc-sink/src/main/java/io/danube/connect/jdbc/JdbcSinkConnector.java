package io.danube.connect.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.danube.connect.api.ConnectorContext;
import io.danube.connect.api.ConsumerConfig;
import io.danube.connect.api.DanubePosition;
import io.danube.connect.api.FatalException;
import io.danube.connect.api.InvalidDataException;
import io.danube.connect.api.PositionStoringSink;
import io.danube.connect.api.RejectedRecordsException;
import io.danube.connect.api.RejectedRecordsException.Rejection;
import io.danube.connect.api.RetryableException;
import io.danube.connect.api.SinkConnector;
import io.danube.connect.api.SinkRecord;
import io.danube.connect.config.ConfigException;
import io.danube.connect.config.ConnectorConfig;
import io.danube.connect.jdbc.config.Delivery;
import io.danube.connect.jdbc.config.JdbcSettings;
import io.danube.connect.jdbc.config.RouteConfig;
import io.danube.connect.jdbc.config.WriteMode;
import io.danube.connect.jdbc.dialect.Dialect;
import io.danube.connect.jdbc.mapping.Row;
import io.danube.connect.jdbc.write.PartitionKey;
import io.danube.connect.jdbc.write.PositionStore;
import io.danube.connect.jdbc.write.SqlErrors;
import io.danube.connect.jdbc.write.TableBatch;
import io.danube.connect.jdbc.write.TableWriter;
import io.danube.connect.jdbc.write.TransactionalFlush;
import io.danube.connect.logging.Redaction;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Danube topics into database tables. Each {@code [[jdbc.routes]]} entry consumes one topic and writes one table;
 * every flush of the runtime's batcher becomes one transaction with one JDBC batch per table, run through a Camel
 * {@code sql:} endpoint on a HikariCP pool, and the runtime acknowledges the messages only after the commit. Rows
 * whose data the database (or the mapping) rejects go to the dead-letter topic with the reason while the rest commit;
 * connection loss, deadlocks and serialization failures are retried with backoff. Routes with
 * {@code delivery = "effectively_once"} also store each written record's Danube position in the same transaction
 * ({@link PositionStore}), so the runtime skips what Danube delivers again.
 */
public final class JdbcSinkConnector implements SinkConnector, PositionStoringSink {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcSinkConnector.class);

    private CamelContext camel;
    private HikariDataSource dataSource;
    private ProducerTemplate template;
    private TransactionalFlush flush;
    private Dialect dialect;
    private PositionStore positions;
    private final Map<String, TableWriter> writers = new LinkedHashMap<>();
    private final Map<PartitionKey, Boolean> inOrder = new ConcurrentHashMap<>();

    public JdbcSinkConnector() {
    }

    @Override
    public Set<String> identifyingSections() {
        return Set.of("jdbc");
    }

    @Override
    public Map<String, String> secretEnvironment() {
        return Map.of("JDBC_PASSWORD", "jdbc.password", "JDBC_USER", "jdbc.user", "JDBC_URL", "jdbc.url");
    }

    @Override
    public void initialize(ConnectorContext context) {
        ConnectorConfig config = context.config();
        camel = context.camelContext();
        JdbcSettings settings = config.section("jdbc", JdbcSettings.class);
        dialect = Dialect.forUrl(settings.url());
        List<RouteConfig> routes = new ArrayList<>();
        for (int i = 0; i < settings.routes().size(); i++) {
            RouteConfig route = RouteConfig.from(settings.routes().get(i), i, config.connectorName());
            if (route.mode() == WriteMode.UPSERT && !dialect.supportsUpsert()) {
                throw new ConfigException("jdbc.routes[" + i + "].mode", "upsert is not available for "
                                          + dialect.name() + " databases; use insert");
            }
            if (route.copy() && !dialect.supportsCopy()) {
                throw new ConfigException("jdbc.routes[" + i + "].copy", "COPY is only available for PostgreSQL");
            }
            if (routes.stream().anyMatch(other -> other.topic().equals(route.topic()))) {
                throw new ConfigException("jdbc.routes[" + i + "].from", "topic " + route.topic()
                                                                         + " is already routed by an earlier route");
            }
            routes.add(route);
        }
        String bean = "danube-jdbc-sink-" + config.connectorName().replaceAll("[^A-Za-z0-9_-]", "_");
        dataSource = new HikariDataSource(poolConfig(settings, bean));
        camel.getRegistry().bind(bean, dataSource);
        template = camel.createProducerTemplate();
        flush = new TransactionalFlush(dataSource);
        for (int i = 0; i < routes.size(); i++) {
            RouteConfig route = routes.get(i);
            writers.put(route.topic(), new TableWriter(route, i, dialect, dataSource, camel, template, bean));
        }
        if (routes.stream().anyMatch(route -> route.delivery() == Delivery.EFFECTIVELY_ONCE)) {
            positions = new PositionStore(settings.positionTableName(), dialect, camel, template, bean,
                    settings.positionRetentionOffsets(), this::readInOrder);
        }
        LOG.info("JDBC sink writing to {} ({}) through {} route(s)", Redaction.redact(settings.url()), dialect.name(), routes.size());
    }

    /** Checks each route's table and creates the ones with explicit columns, now that Danube accepted the routes. */
    @Override
    public void start() {
        if (positions != null) {
            try {
                positions.prepare();
            } catch (RetryableException e) {
                LOG.warn("Position table not created yet, the database is not reachable: {}", e.getMessage());
            }
        }
        for (TableWriter writer : writers.values()) {
            try {
                writer.prepare(List.of());
            } catch (RetryableException e) {
                LOG.warn("Table {} not checked yet, the database is not reachable: {}", writer.route().table(),
                        e.getMessage());
            }
        }
    }

    private static HikariConfig poolConfig(JdbcSettings settings, String name) {
        HikariConfig pool = new HikariConfig();
        pool.setPoolName(name);
        pool.setJdbcUrl(settings.effectiveUrl());
        if (settings.user() != null) {
            pool.setUsername(settings.user());
        }
        if (settings.password() != null) {
            pool.setPassword(settings.password());
        }
        pool.setMaximumPoolSize(settings.poolSize());
        pool.setMinimumIdle(1);
        pool.setConnectionTimeout(settings.connectionTimeoutMs());
        pool.setValidationTimeout(Math.max(250, settings.connectionTimeoutMs() / 2));
        pool.setInitializationFailTimeout(-1);
        String initSql = Dialect.forUrl(settings.url()).connectionInitSql();
        if (initSql != null) {
            pool.setConnectionInitSql(initSql);
        }
        return pool;
    }

    @Override
    public List<ConsumerConfig> consumerConfigs() {
        return writers.values().stream().map(writer -> writer.route().consumer()).toList();
    }

    @Override
    public boolean storesPositions(ConsumerConfig consumer) {
        TableWriter writer = writers.get(consumer.topic());
        return writer != null && writer.route().delivery() == Delivery.EFFECTIVELY_ONCE;
    }

    /**
     * Whether the partition of {@code position} is read in offset order by one consumer at a time: its route's
     * subscription is Exclusive or Failover.
     */
    private boolean readInOrder(DanubePosition position) {
        return inOrder.computeIfAbsent(PartitionKey.of(position), partition -> writers.values().stream()
                .map(writer -> writer.route().consumer())
                .filter(consumer -> consumer.subscription().equals(partition.subscription())
                                    && consumer.reads(partition.partition()))
                .anyMatch(consumer -> consumer.subscriptionType().readsInOffsetOrder()));
    }

    @Override
    public Set<DanubePosition> alreadyStored(List<DanubePosition> batch) {
        return positions.stored(batch);
    }

    @Override
    public void processBatch(List<SinkRecord> records) {
        Map<String, List<SinkRecord>> byTopic = new LinkedHashMap<>();
        for (SinkRecord record : records) {
            byTopic.computeIfAbsent(record.topic(), topic -> new ArrayList<>()).add(record);
        }
        List<Rejection> rejected = new ArrayList<>();
        List<TableBatch> batches = new ArrayList<>();
        List<SinkRecord> positioned = new ArrayList<>();
        byTopic.forEach((topic, topicRecords) -> {
            TableWriter writer = writers.get(topic);
            if (writer == null) {
                throw new FatalException("Received a record from " + topic + ", which no route reads");
            }
            writer.prepare(topicRecords);
            if (!writer.ready()) {
                topicRecords.forEach(record -> rejected.add(new Rejection(record, new InvalidDataException(
                        "table " + writer.route().table() + " does not exist yet and auto_create needs a JSON object"
                        + " to infer its columns", null, record.context()))));
                return;
            }
            int rejectedBefore = rejected.size();
            batches.add(new TableBatch(writer, rows(writer, topicRecords, rejected)));
            if (writer.route().delivery() == Delivery.EFFECTIVELY_ONCE) {
                Set<SinkRecord> unmapped = Collections.newSetFromMap(new IdentityHashMap<>());
                rejected.subList(rejectedBefore, rejected.size()).forEach(r -> unmapped.add(r.record()));
                topicRecords.stream().filter(record -> !unmapped.contains(record)).forEach(positioned::add);
            }
        });
        rejected.addAll(flush.write(batches, positioned, positions));
        if (!rejected.isEmpty()) {
            throw new RejectedRecordsException(rejected);
        }
    }

    /** Maps the records; invalid ones are added to {@code rejected}. In upsert mode only the last row per key stays. */
    private static List<Row> rows(TableWriter writer, List<SinkRecord> records, List<Rejection> rejected) {
        List<Row> rows = new ArrayList<>(records.size());
        for (SinkRecord record : records) {
            try {
                rows.add(writer.map(record));
            } catch (InvalidDataException e) {
                rejected.add(new Rejection(record, e));
            }
        }
        if (writer.route().mode() != WriteMode.UPSERT) {
            return rows;
        }
        Map<List<Object>, Row> lastByKey = new LinkedHashMap<>();
        for (Row row : rows) {
            lastByKey.remove(row.key());
            lastByKey.put(row.key(), row);
        }
        return lastByKey.size() == rows.size() ? rows : new ArrayList<>(lastByKey.values());
    }

    @Override
    public void healthCheck() {
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isValid(2)) {
                throw new RetryableException("The database connection is not valid");
            }
        } catch (SQLException e) {
            throw new RetryableException("Database not reachable: " + SqlErrors.describe(e), e);
        }
    }

    @Override
    public void shutdown() {
        if (template != null) {
            try {
                template.stop();
            } catch (RuntimeException e) {
                LOG.debug("Stopping the SQL producer template failed", e);
            }
        }
        if (dataSource != null) {
            dataSource.close();
        }
    }
}
