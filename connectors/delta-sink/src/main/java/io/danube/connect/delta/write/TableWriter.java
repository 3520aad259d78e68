package io.danube.connect.delta.write;

import io.danube.connect.api.DanubePosition;
import io.danube.connect.api.FatalException;
import io.danube.connect.api.InvalidDataException;
import io.danube.connect.api.RejectedRecordsException.Rejection;
import io.danube.connect.api.SinkRecord;
import io.danube.connect.config.FieldPath;
import io.danube.connect.delta.config.RouteConfig;
import io.danube.connect.delta.mapping.ColumnSpec;
import io.danube.connect.delta.mapping.ColumnType;
import io.danube.connect.delta.mapping.MetadataColumn;
import io.danube.connect.delta.mapping.SchemaInference;
import io.danube.connect.delta.mapping.TableLayout;
import io.delta.kernel.Snapshot;
import io.delta.kernel.types.StructField;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.HashSet;
import java.util.function.Consumer;

/**
 * Writes one route's records into its table: one commit per batch, or per partition topic of the batch when the
 * route stores positions (a commit carries one {@code txn} action, and the application id names the partition).
 * Records at or below the stored version of their partition are replays and skipped; records that do not fit the
 * schema are returned as rejections while the rest is written.
 *
 * <p>The schema is fixed by the first of: the existing table, the registry schema, the configured columns, the
 * columns inferred from the first batch (the table is then created with it).
 */
public final class TableWriter {

    private final RouteConfig route;
    private final DeltaTable table;
    private final String connectorName;
    private TableLayout layout;

    public TableWriter(RouteConfig route, DeltaTable table, String connectorName) {
        this.route = route;
        this.table = table;
        this.connectorName = connectorName;
    }

    public RouteConfig route() {
        return route;
    }

    /** The table's layout once known. */
    public Optional<TableLayout> layout() {
        return Optional.ofNullable(layout);
    }

    /**
     * Fixes the layout from the existing table, else creates the table from {@code registryColumns} or the configured
     * columns; with neither, the first batch decides.
     */
    public void prepare(Optional<List<ColumnSpec>> registryColumns) {
        if (layout != null) {
            return;
        }
        Optional<Snapshot> existing = table.latest();
        if (existing.isPresent()) {
            layout = fromTable(existing.get());
            return;
        }
        List<ColumnSpec> columns = registryColumns.filter(list -> !list.isEmpty()).orElse(route.columns());
        if (!columns.isEmpty()) {
            create(columns);
        }
    }

    /** The {@code txn} application id of a position: connector, subscription and partition topic. */
    public String appId(DanubePosition position) {
        return connectorName + "/" + position.subscription() + "@" + position.partition();
    }

    /** Of {@code positions} (all of this route), those at or below their partition's stored version. */
    public Set<DanubePosition> alreadyStored(List<DanubePosition> positions) {
        Set<DanubePosition> stored = new HashSet<>();
        Optional<Snapshot> snapshot = table.latest();
        if (snapshot.isEmpty()) {
            return stored;
        }
        Map<String, Long> versions = new HashMap<>();
        for (DanubePosition position : positions) {
            long version = versions.computeIfAbsent(appId(position),
                    appId -> table.transactionVersion(snapshot.get(), appId));
            if (position.offset() <= version) {
                stored.add(position);
            }
        }
        return stored;
    }

    /** Writes {@code records} (all of this route's topic); returns those rejected for their data. */
    public List<Rejection> write(List<SinkRecord> records) {
        if (layout == null) {
            Optional<Snapshot> existing = table.latest();
            if (existing.isPresent()) {
                layout = fromTable(existing.get());
            } else {
                Optional<List<ColumnSpec>> inferred = SchemaInference.infer(records);
                if (inferred.isEmpty()) {
                    List<Rejection> rejections = new ArrayList<>();
                    records.forEach(record -> rejections.add(new Rejection(record, new InvalidDataException(
                            "Payload is not a JSON object, so no table schema can be inferred from it"))));
                    return rejections;
                }
                create(inferred.get());
            }
        }
        Snapshot snapshot = table.latest().orElseThrow(() -> new FatalException("Delta table " + table.location()
                                                                                + " disappeared"));
        List<Rejection> rejections = new ArrayList<>();
        if (!route.storesPositions()) {
            List<Object[]> rows = rows(records, rejections, record -> { });
            if (!rows.isEmpty()) {
                table.append(snapshot, layout, rows, Optional.empty());
            }
            return rejections;
        }
        Map<String, List<SinkRecord>> byPartition = new LinkedHashMap<>();
        records.forEach(record -> byPartition.computeIfAbsent(appId(record.position()), p -> new ArrayList<>())
                .add(record));
        for (Map.Entry<String, List<SinkRecord>> partition : byPartition.entrySet()) {
            String appId = partition.getKey();
            long stored = table.transactionVersion(snapshot, appId);
            // Danube may hand the same message twice in one batch (a redelivery while the first copy waited in the
            // batcher): one row per offset.
            Map<Long, SinkRecord> fresh = new LinkedHashMap<>();
            partition.getValue().stream().filter(record -> record.offset() > stored)
                    .forEach(record -> fresh.putIfAbsent(record.offset(), record));
            List<SinkRecord> written = new ArrayList<>();
            List<Object[]> rows = rows(List.copyOf(fresh.values()), rejections, written::add);
            if (!rows.isEmpty()) {
                long version = written.stream().mapToLong(SinkRecord::offset).max().orElseThrow();
                snapshot = table.append(snapshot, layout, rows, Optional.of(new TransactionId(appId, version)));
            }
        }
        return rejections;
    }

    private List<Object[]> rows(List<SinkRecord> records, List<Rejection> rejections,
                                Consumer<SinkRecord> onWritten) {
        List<Object[]> rows = new ArrayList<>(records.size());
        for (SinkRecord record : records) {
            try {
                rows.add(layout.row(record));
                onWritten.accept(record);
            } catch (InvalidDataException e) {
                rejections.add(new Rejection(record, new InvalidDataException("Record does not fit Delta table "
                        + table.location() + ": " + e.getMessage(), e, Map.of("table", table.location()))));
            }
        }
        return rows;
    }

    private void create(List<ColumnSpec> columns) {
        TableLayout wanted = new TableLayout(columns, route.metadataColumns(), route.partitionColumns());
        Snapshot created = table.create(wanted.schema(), wanted.partitionColumns());
        layout = fromTable(created);
    }

    /** The layout of an existing table; configured columns must agree with it. */
    private TableLayout fromTable(Snapshot snapshot) {
        List<ColumnSpec> columns = new ArrayList<>();
        boolean metadata = false;
        for (StructField field : snapshot.getSchema().fields()) {
            if (MetadataColumn.isMetadataColumn(field.getName())) {
                metadata = true;
                continue;
            }
            ColumnSpec configured = route.columns().stream().filter(c -> c.name().equals(field.getName()))
                    .findFirst().orElse(null);
            FieldPath path = configured != null ? configured.field()
                    : FieldPath.parse("table column " + field.getName(), "$." + field.getName());
            columns.add(new ColumnSpec(field.getName(), new ColumnType(field.getDataType()), path,
                    field.isNullable()));
        }
        TableLayout existing = new TableLayout(columns, metadata, snapshot.getPartitionColumnNames());
        if (!route.columns().isEmpty()) {
            TableLayout configured = new TableLayout(route.columns(), route.metadataColumns(),
                    snapshot.getPartitionColumnNames());
            if (!configured.schema().equivalent(existing.schema())) {
                throw new FatalException("Delta table " + table.location() + " has schema " + snapshot.getSchema()
                                         + " but the route's columns give " + configured.schema());
            }
        }
        return existing;
    }
}
