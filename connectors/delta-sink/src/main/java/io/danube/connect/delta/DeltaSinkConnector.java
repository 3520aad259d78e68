package io.danube.connect.delta;

import io.danube.client.DanubeClient;
import io.danube.client.schema.SchemaInfo;
import io.danube.connect.api.ConnectorContext;
import io.danube.connect.api.ConsumerConfig;
import io.danube.connect.api.DanubePosition;
import io.danube.connect.api.FatalException;
import io.danube.connect.api.PositionStoringSink;
import io.danube.connect.api.RejectedRecordsException;
import io.danube.connect.api.RejectedRecordsException.Rejection;
import io.danube.connect.api.SinkConnector;
import io.danube.connect.api.SinkRecord;
import io.danube.connect.config.ConfigException;
import io.danube.connect.config.ConnectorConfig;
import io.danube.connect.delta.config.DeltaSettings;
import io.danube.connect.delta.config.RouteConfig;
import io.danube.connect.delta.mapping.ColumnSpec;
import io.danube.connect.delta.mapping.JsonSchemaColumns;
import io.danube.connect.delta.write.DeltaTable;
import io.danube.connect.delta.write.TableWriter;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import org.apache.hadoop.conf.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Danube topics into Delta Lake tables with Delta Kernel. Each {@code [[deltalake.routes]]} entry consumes one topic
 * into one table; every batch of the runtime's batcher becomes Parquet files and one Delta commit per table (per
 * partition topic for routes that store positions). With an Exclusive or Failover subscription each commit carries a
 * {@code txn} action whose version is the highest Danube offset written for that partition, so replays after a crash
 * are recognised ({@link PositionStoringSink}) and skipped: every record is in the table exactly once. Shared and
 * Key_Shared routes append without positions (at-least-once).
 */
public final class DeltaSinkConnector implements SinkConnector, PositionStoringSink {

    private static final Logger LOG = LoggerFactory.getLogger(DeltaSinkConnector.class);

    private final Map<String, TableWriter> writers = new LinkedHashMap<>();
    private String serviceUrl;

    @Override
    public Set<String> identifyingSections() {
        return Set.of("deltalake");
    }

    @Override
    public void initialize(ConnectorContext context) {
        ConnectorConfig config = context.config();
        DeltaSettings settings = config.section("deltalake", DeltaSettings.class);
        if (settings.batchSize() != null || settings.flushIntervalMs() != null) {
            LOG.info("deltalake.batch_size / flush_interval_ms are not used: batches are [processing] batch_size"
                     + " and batch_timeout_ms");
        }
        Configuration hadoop = new Configuration();
        settings.hadoopProperties().forEach(hadoop::set);
        Engine engine = DefaultEngine.create(hadoop);
        for (int i = 0; i < settings.routes().size(); i++) {
            RouteConfig route = RouteConfig.from(settings.routes().get(i), i, config.connectorName(),
                    config.paths().workingDirectory());
            if (writers.containsKey(route.topic())) {
                throw new ConfigException("deltalake.routes[" + i + "].from", "topic " + route.topic()
                                                                              + " is already routed by an earlier route");
            }
            if (writers.values().stream().anyMatch(other -> other.route().location().equals(route.location()))) {
                throw new ConfigException("deltalake.routes[" + i + "].to", "table " + route.location()
                                                                            + " is already written by an earlier route");
            }
            writers.put(route.topic(), new TableWriter(route, new DeltaTable(engine, route.location(),
                    settings.commitRetries(), settings.checkpointInterval()), config.connectorName()));
        }
        serviceUrl = config.danubeServiceUrl();
        LOG.info("Delta sink writing {} route(s)", writers.size());
    }

    /** Fixes each table's schema: the existing table, else the registry's JSON Schema, else the configured columns. */
    @Override
    public void start() {
        for (TableWriter writer : writers.values()) {
            writer.prepare(registryColumns(writer.route()));
        }
    }

    @Override
    public List<ConsumerConfig> consumerConfigs() {
        return writers.values().stream().map(writer -> writer.route().consumer()).toList();
    }

    @Override
    public boolean storesPositions(ConsumerConfig consumer) {
        TableWriter writer = writers.get(consumer.topic());
        return writer != null && writer.route().storesPositions();
    }

    @Override
    public Set<DanubePosition> alreadyStored(List<DanubePosition> positions) {
        Map<TableWriter, List<DanubePosition>> byWriter = new LinkedHashMap<>();
        for (DanubePosition position : positions) {
            TableWriter writer = writers.values().stream().filter(w -> w.route().reads(position.partition()))
                    .findFirst().orElseThrow(() -> new FatalException("No route reads " + position.partition()));
            byWriter.computeIfAbsent(writer, w -> new ArrayList<>()).add(position);
        }
        Set<DanubePosition> stored = new HashSet<>();
        byWriter.forEach((writer, list) -> stored.addAll(writer.alreadyStored(list)));
        return stored;
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

    /** The columns of the topic's JSON Schema in the registry (the route's expected subject, else the topic's). */
    private Optional<List<ColumnSpec>> registryColumns(RouteConfig route) {
        try (DanubeClient client = DanubeClient.builder().serviceUrl(serviceUrl).build()) {
            String subject = route.consumer().expectedSubject().orElseGet(() ->
                    client.schemaRegistry().getTopicSchemaConfig(route.topic()).subject());
            if (subject == null || subject.isBlank()) {
                return Optional.empty();
            }
            SchemaInfo schema = client.schemaRegistry().getLatestSchema(subject);
            if (!schema.schemaType().toLowerCase(java.util.Locale.ROOT).contains("json")) {
                return Optional.empty();
            }
            Optional<List<ColumnSpec>> columns = JsonSchemaColumns.from(schema.definition());
            columns.ifPresent(list -> LOG.info("Table {} takes its columns from registry subject {} version {}",
                    route.location(), subject, schema.version()));
            return columns;
        } catch (RuntimeException e) {
            LOG.info("No registry schema for {} ({}); the table schema comes from the config or the first batch",
                    route.topic(), e.getMessage());
            return Optional.empty();
        }
    }
}
