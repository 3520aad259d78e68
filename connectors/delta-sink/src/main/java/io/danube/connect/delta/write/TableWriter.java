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
 * Records that do not fit the schema are returned as rejections while the rest is written.
 *
 * <p>Positions: the runtime asks {@link #alreadyStored} before every attempt at a batch and hands over only the
 * records the table does not hold, so {@link #write} filters nothing. The writer keeps the table state it last saw
 * (the snapshot after its own last commit, and the {@code txn} version of each partition read from it) instead of
 * reading the log per batch. That state can only be behind when another writer committed since; such a commit of
 * the same partition makes Kernel refuse this writer's commit ({@code ConcurrentTransactionException}, retryable),
 * and any failure drops the state so that the retry's {@code alreadyStored} reads the log again.
 *
 * <p>The schema is fixed by the first of: the existing table, the registry schema, the configured columns, the
 * columns inferred from the first batch (the table is then created with it).
 */
public final class TableWriter {

    private final RouteConfig route;
    private final DeltaTable table;
    private final String connectorName;
    private TableLayout layout;
    /** The table as this writer last saw it; null: read it from the log on next use. */
    private Snapshot snapshot;
    /** {@code txn} versions of {@link #snapshot} by application id, read from it on first use. */
    private final Map<String, Long> storedVersions = new HashMap<>();

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
        Optional<Snapshot> existing = current();
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
        try {
            Set<DanubePosition> stored = new HashSet<>();
            if (current().isEmpty()) {
                return stored;
            }
            for (DanubePosition position : positions) {
                if (position.offset() <= storedVersion(appId(position))) {
                    stored.add(position);
                }
            }
            return stored;
        } catch (RuntimeException e) {
            forgetTableState();
            throw e;
        }
    }

    /**
     * Writes {@code records} (all of this route's topic; for a route storing positions, none of them already
     * stored); returns those rejected for their data.
     */
    public List<Rejection> write(List<SinkRecord> records) {
        try {
            return writeRecords(records);
        } catch (RuntimeException e) {
            forgetTableState();
            throw e;
        }
    }

    private List<Rejection> writeRecords(List<SinkRecord> records) {
        if (layout == null) {
            Optional<Snapshot> existing = current();
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
        if (current().isEmpty()) {
            throw new FatalException("Delta table " + table.location() + " disappeared");
        }
        List<Rejection> rejections = new ArrayList<>();
        if (!route.storesPositions()) {
            List<Object[]> rows = rows(records, rejections, record -> { });
            if (!rows.isEmpty()) {
                snapshot = table.append(snapshot, layout, rows, Optional.empty());
            }
            return rejections;
        }
        Map<String, List<SinkRecord>> byPartition = new LinkedHashMap<>();
        records.forEach(record -> byPartition.computeIfAbsent(appId(record.position()), p -> new ArrayList<>())
                .add(record));
        for (Map.Entry<String, List<SinkRecord>> partition : byPartition.entrySet()) {
            String appId = partition.getKey();
            // Danube may hand the same message twice in one batch (a redelivery while the first copy waited in the
            // batcher); neither copy is stored yet, so alreadyStored passes both: one row per offset.
            Map<Long, SinkRecord> distinct = new LinkedHashMap<>();
            partition.getValue().forEach(record -> distinct.putIfAbsent(record.offset(), record));
            List<SinkRecord> written = new ArrayList<>();
            List<Object[]> rows = rows(List.copyOf(distinct.values()), rejections, written::add);
            if (!rows.isEmpty()) {
                long version = written.stream().mapToLong(SinkRecord::offset).max().orElseThrow();
                snapshot = table.append(snapshot, layout, rows, Optional.of(new TransactionId(appId, version)));
                storedVersions.put(appId, version);
            }
        }
        return rejections;
    }

    /** The table as last seen, read from the log when not known; empty while there is no table. */
    private Optional<Snapshot> current() {
        if (snapshot == null) {
            storedVersions.clear();
            snapshot = table.latest().orElse(null);
        }
        return Optional.ofNullable(snapshot);
    }

    private long storedVersion(String appId) {
        return storedVersions.computeIfAbsent(appId, id -> table.transactionVersion(snapshot, id));
    }

    private void forgetTableState() {
        snapshot = null;
        storedVersions.clear();
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
        snapshot = table.create(wanted.schema(), wanted.partitionColumns());
        storedVersions.clear();
        layout = fromTable(snapshot);
    }

    /** The layout of an existing table; configured columns must agree with it. */
    private TableLayout fromTable(Snapshot tableSnapshot) {
        List<ColumnSpec> columns = new ArrayList<>();
        boolean metadata = false;
        for (StructField field : tableSnapshot.getSchema().fields()) {
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
        TableLayout existing = new TableLayout(columns, metadata, tableSnapshot.getPartitionColumnNames());
        if (!route.columns().isEmpty()) {
            TableLayout configured = new TableLayout(route.columns(), route.metadataColumns(),
                    tableSnapshot.getPartitionColumnNames());
            if (!configured.schema().equivalent(existing.schema())) {
                throw new FatalException("Delta table " + table.location() + " has schema "
                                         + tableSnapshot.getSchema() + " but the route's columns give "
                                         + configured.schema());
            }
        }
        return existing;
    }
}
