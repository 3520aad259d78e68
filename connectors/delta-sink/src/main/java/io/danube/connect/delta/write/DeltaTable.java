package io.danube.connect.delta.write;

import io.danube.connect.api.RetryableException;
import io.danube.connect.delta.mapping.ColumnType;
import io.danube.connect.delta.mapping.TableLayout;
import io.delta.kernel.DataWriteContext;
import io.delta.kernel.Operation;
import io.delta.kernel.Snapshot;
import io.delta.kernel.TableManager;
import io.delta.kernel.Transaction;
import io.delta.kernel.TransactionCommitResult;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.exceptions.ConcurrentWriteException;
import io.delta.kernel.exceptions.TableAlreadyExistsException;
import io.delta.kernel.exceptions.TableNotFoundException;
import io.delta.kernel.expressions.Column;
import io.delta.kernel.expressions.Literal;
import io.delta.kernel.hook.PostCommitHook;
import io.delta.kernel.transaction.DataLayoutSpec;
import io.delta.kernel.transaction.UpdateTableTransactionBuilder;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterable;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.DataFileStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One Delta table through Delta Kernel: its latest snapshot, its creation, and appends of rows as Parquet files plus
 * one commit, optionally carrying a {@code txn} action (application id + version). Kernel refuses a commit whose
 * application id already has an equal or higher version in the table, also when another writer committed it
 * concurrently; that and other commit conflicts become {@link RetryableException}s. Post-commit hooks (the
 * checkpoint every {@code delta.checkpointInterval} commits, the checksum file) run after each commit.
 */
public final class DeltaTable {

    private static final Logger LOG = LoggerFactory.getLogger(DeltaTable.class);
    private static final String ENGINE_INFO = "danube-connect-delta-sink";
    public static final String CHECKPOINT_INTERVAL = "delta.checkpointInterval";

    private final Engine engine;
    private final String location;
    private final int commitRetries;
    private final int checkpointInterval;

    public DeltaTable(Engine engine, String location, int commitRetries, int checkpointInterval) {
        this.engine = engine;
        this.location = location;
        this.commitRetries = commitRetries;
        this.checkpointInterval = checkpointInterval;
    }

    public String location() {
        return location;
    }

    /** The latest snapshot, or empty when there is no table yet. */
    public Optional<Snapshot> latest() {
        try {
            return Optional.of(TableManager.loadSnapshot(location).build(engine));
        } catch (TableNotFoundException e) {
            return Optional.empty();
        } catch (UncheckedIOException | io.delta.kernel.exceptions.KernelEngineException e) {
            throw new RetryableException("Cannot read the Delta log of " + location + ": " + e.getMessage(), e);
        }
    }

    /**
     * Creates the table (version 0, no data) unless another writer just did; returns the latest snapshot. The
     * snapshot Kernel returns after the creation carries the table's checksum state, so that later commits update the
     * version checksum file incrementally instead of replaying the log for it.
     */
    public Snapshot create(StructType schema, List<String> partitionColumns) {
        DataLayoutSpec layout = partitionColumns.isEmpty() ? DataLayoutSpec.noDataLayout()
                : DataLayoutSpec.partitioned(partitionColumns.stream().map(Column::new).toList());
        try {
            TransactionCommitResult result = TableManager.buildCreateTableTransaction(location, schema, ENGINE_INFO)
                    .withTableProperties(Map.of(CHECKPOINT_INTERVAL, Integer.toString(checkpointInterval)))
                    .withDataLayoutSpec(layout)
                    .build(engine)
                    .commit(engine, CloseableIterable.emptyIterable());
            LOG.info("Created Delta table {} with schema {}", location, schema);
            runHooks(result);
            return result.getPostCommitSnapshot().orElseGet(this::loadAfterCreation);
        } catch (TableAlreadyExistsException | ConcurrentWriteException e) {
            LOG.info("Delta table {} was created by another writer", location);
            return loadAfterCreation();
        }
    }

    private Snapshot loadAfterCreation() {
        return latest().orElseThrow(() -> new RetryableException("Delta table " + location + " not readable after"
                                                                 + " its creation"));
    }

    /** The highest version committed under {@code appId}, or -1. */
    public long transactionVersion(Snapshot snapshot, String appId) {
        return snapshot.getLatestTransactionVersion(engine, appId).orElse(-1L);
    }

    /**
     * Writes {@code rows} (values in {@code layout}'s schema order) as Parquet files and commits them on top of
     * {@code base}, with {@code txn} when present.
     *
     * @return the snapshot after the commit
     */
    public Snapshot append(Snapshot base, TableLayout layout, List<Object[]> rows, Optional<TransactionId> txn) {
        UpdateTableTransactionBuilder builder = base.buildUpdateTableTransaction(ENGINE_INFO, Operation.WRITE)
                .withMaxRetries(commitRetries);
        txn.ifPresent(id -> builder.withTransactionId(id.appId(), id.version()));
        if (!Integer.toString(checkpointInterval).equals(base.getTableProperties().get(CHECKPOINT_INTERVAL))) {
            builder.withTablePropertiesAdded(Map.of(CHECKPOINT_INTERVAL, Integer.toString(checkpointInterval)));
        }
        try {
            Transaction transaction = builder.build(engine);
            Row state = transaction.getTransactionState(engine);
            List<Row> actions = new ArrayList<>();
            StructType schema = layout.schema();
            for (Map.Entry<Map<String, Literal>, List<Object[]>> part : byPartition(layout, schema, rows).entrySet()) {
                FilteredColumnarBatch batch = new FilteredColumnarBatch(new RowBatch(schema, part.getValue()),
                        Optional.empty());
                CloseableIterator<FilteredColumnarBatch> physical = Transaction.transformLogicalData(engine, state,
                        Iterators.of(List.of(batch)), part.getKey());
                DataWriteContext context = Transaction.getWriteContext(engine, state, part.getKey());
                CloseableIterator<DataFileStatus> files = engine.getParquetHandler().writeParquetFiles(
                        context.getTargetDirectory(), physical, context.getStatisticsColumns());
                try (CloseableIterator<Row> appends = Transaction.generateAppendActions(engine, state, files,
                        context)) {
                    appends.forEachRemaining(actions::add);
                }
            }
            TransactionCommitResult result = transaction.commit(engine,
                    CloseableIterable.inMemoryIterable(Iterators.of(actions)));
            runHooks(result);
            return result.getPostCommitSnapshot().orElseGet(() -> latest().orElseThrow());
        } catch (ConcurrentWriteException e) {
            throw new RetryableException("Commit to " + location + " conflicted with another writer: "
                                         + e.getMessage(), e);
        } catch (IOException | UncheckedIOException | io.delta.kernel.exceptions.KernelEngineException e) {
            throw new RetryableException("Writing to " + location + " failed: " + e.getMessage(), e);
        } catch (io.delta.kernel.exceptions.MaxCommitRetryLimitReachedException e) {
            throw new RetryableException("Commit to " + location + " kept conflicting: " + e.getMessage(), e);
        }
    }

    private static Map<Map<String, Literal>, List<Object[]>> byPartition(TableLayout layout, StructType schema,
                                                                        List<Object[]> rows) {
        if (layout.partitionColumns().isEmpty()) {
            return Map.of(Map.of(), rows);
        }
        List<ColumnType> types = layout.types();
        int[] indexes = layout.partitionColumns().stream().mapToInt(schema::indexOf).toArray();
        Map<List<Object>, List<Object[]>> groups = new LinkedHashMap<>();
        for (Object[] row : rows) {
            List<Object> key = new ArrayList<>();
            for (int index : indexes) {
                key.add(row[index] instanceof byte[] bytes ? Arrays.toString(bytes) : row[index]);
            }
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
        }
        Map<Map<String, Literal>, List<Object[]>> partitions = new LinkedHashMap<>();
        groups.values().forEach(group -> {
            Map<String, Literal> values = new LinkedHashMap<>();
            for (int i = 0; i < indexes.length; i++) {
                values.put(layout.partitionColumns().get(i), types.get(indexes[i]).literal(group.get(0)[indexes[i]]));
            }
            partitions.put(values, group);
        });
        return partitions;
    }

    private void runHooks(TransactionCommitResult result) {
        for (PostCommitHook hook : result.getPostCommitHooks()) {
            try {
                hook.threadSafeInvoke(engine);
            } catch (IOException | RuntimeException e) {
                LOG.warn("{} of {} after version {} failed (the commit stands): {}", hook.getType(), location,
                        result.getVersion(), e.toString());
            }
        }
    }
}
