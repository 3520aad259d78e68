package io.danube.bench.delta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.delta.kernel.DataWriteContext;
import io.delta.kernel.Operation;
import io.delta.kernel.Snapshot;
import io.delta.kernel.TableManager;
import io.delta.kernel.Transaction;
import io.delta.kernel.TransactionCommitResult;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.hook.PostCommitHook;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterable;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.DataFileStatus;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The baseline: a hand-written Delta Kernel append loop, no SDK. Parses each JSON payload into typed column arrays and
 * commits each batch as Parquet files plus one commit on top of the snapshot its previous commit returned, then runs
 * the post-commit hooks Kernel hands back (the checkpoint every {@code delta.checkpointInterval} commits, the version
 * checksum file), as a program using Kernel directly would and as the table needs for its log to stay cheap to read.
 */
final class PlainKernelAppender {

    static final StructType SCHEMA = new StructType().add("id", LongType.LONG, false).add("device", StringType.STRING)
            .add("value", DoubleType.DOUBLE).add("ok", StringType.STRING);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Engine engine;
    private final String location;
    private Snapshot snapshot;

    PlainKernelAppender(Engine engine, String location, int checkpointInterval) throws IOException {
        this.engine = engine;
        this.location = location;
        TransactionCommitResult created = TableManager.buildCreateTableTransaction(location, SCHEMA, "bench")
                .withTableProperties(Map.of("delta.checkpointInterval", Integer.toString(checkpointInterval)))
                .build(engine).commit(engine, CloseableIterable.emptyIterable());
        runHooks(created);
        snapshot = created.getPostCommitSnapshot().orElseGet(() -> TableManager.loadSnapshot(location).build(engine));
    }

    void append(List<byte[]> payloads) throws IOException {
        int size = payloads.size();
        long[] ids = new long[size];
        String[] devices = new String[size];
        double[] values = new double[size];
        String[] oks = new String[size];
        for (int i = 0; i < size; i++) {
            JsonNode node = JSON.readTree(payloads.get(i));
            ids[i] = node.get("id").asLong();
            devices[i] = node.get("device").asText();
            values[i] = node.get("value").asDouble();
            oks[i] = node.get("ok").asText();
        }
        ColumnVector[] vectors = {
            new Vector(LongType.LONG, size) {
                @Override
                public long getLong(int row) {
                    return ids[row];
                }
            },
            new Vector(StringType.STRING, size) {
                @Override
                public String getString(int row) {
                    return devices[row];
                }
            },
            new Vector(DoubleType.DOUBLE, size) {
                @Override
                public double getDouble(int row) {
                    return values[row];
                }
            },
            new Vector(StringType.STRING, size) {
                @Override
                public String getString(int row) {
                    return oks[row];
                }
            }};
        ColumnarBatch batch = new ColumnarBatch() {
            @Override
            public StructType getSchema() {
                return SCHEMA;
            }

            @Override
            public ColumnVector getColumnVector(int ordinal) {
                return vectors[ordinal];
            }

            @Override
            public int getSize() {
                return size;
            }
        };
        Transaction transaction = snapshot.buildUpdateTableTransaction("bench", Operation.WRITE).build(engine);
        Row state = transaction.getTransactionState(engine);
        CloseableIterator<FilteredColumnarBatch> physical = Transaction.transformLogicalData(engine, state,
                iterator(List.of(new FilteredColumnarBatch(batch, Optional.empty()))), Map.of());
        DataWriteContext context = Transaction.getWriteContext(engine, state, Map.of());
        CloseableIterator<DataFileStatus> files = engine.getParquetHandler().writeParquetFiles(
                context.getTargetDirectory(), physical, context.getStatisticsColumns());
        List<Row> actions = new ArrayList<>();
        Transaction.generateAppendActions(engine, state, files, context).forEachRemaining(actions::add);
        TransactionCommitResult result = transaction.commit(engine,
                CloseableIterable.inMemoryIterable(iterator(actions)));
        runHooks(result);
        snapshot = result.getPostCommitSnapshot().orElseGet(() -> TableManager.loadSnapshot(location).build(engine));
    }

    private void runHooks(TransactionCommitResult result) throws IOException {
        for (PostCommitHook hook : result.getPostCommitHooks()) {
            hook.threadSafeInvoke(engine);
        }
    }

    private static <T> CloseableIterator<T> iterator(List<T> items) {
        Iterator<T> it = items.iterator();
        return new CloseableIterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public T next() {
                return it.next();
            }

            @Override
            public void close() {
            }
        };
    }

    private abstract static class Vector implements ColumnVector {
        private final DataType type;
        private final int size;

        Vector(DataType type, int size) {
            this.type = type;
            this.size = size;
        }

        @Override
        public DataType getDataType() {
            return type;
        }

        @Override
        public int getSize() {
            return size;
        }

        @Override
        public boolean isNullAt(int row) {
            return false;
        }

        @Override
        public void close() {
        }
    }
}
