package io.danube.connect.delta;

import io.delta.kernel.Snapshot;
import io.delta.kernel.TableManager;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.engine.FileReadResult;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import org.apache.hadoop.conf.Configuration;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Reads a table the way Delta Kernel sees it: the latest snapshot (log replay, checkpoints included) lists the live
 * data files, and Kernel's Parquet reader reads the requested columns of each.
 */
final class KernelReader {

    private static final Engine ENGINE = DefaultEngine.create(new Configuration());

    private KernelReader() {
    }

    static Snapshot snapshot(Path table) {
        return TableManager.loadSnapshot(table.toString()).build(ENGINE);
    }

    /** The values of {@code column} (a data column, not a partition column) of every row. */
    static List<Object> column(Path table, String column) throws IOException {
        Snapshot snapshot = snapshot(table);
        StructType schema = new StructType().add(snapshot.getSchema().get(column));
        List<FileStatus> files = new ArrayList<>();
        try (CloseableIterator<FilteredColumnarBatch> scanFiles = snapshot.getScanBuilder().build()
                .getScanFiles(ENGINE)) {
            while (scanFiles.hasNext()) {
                try (CloseableIterator<Row> rows = scanFiles.next().getRows()) {
                    while (rows.hasNext()) {
                        Row add = rows.next().getStruct(0);
                        String path = add.getString(add.getSchema().indexOf("path"));
                        files.add(FileStatus.of(table.resolve(java.net.URLDecoder.decode(path,
                                        java.nio.charset.StandardCharsets.UTF_8)).toUri().toString(),
                                add.getLong(add.getSchema().indexOf("size")),
                                add.getLong(add.getSchema().indexOf("modificationTime"))));
                    }
                }
            }
        }
        List<Object> values = new ArrayList<>();
        Iterator<FileStatus> fileIterator = files.iterator();
        try (CloseableIterator<FileReadResult> batches = ENGINE.getParquetHandler().readParquetFiles(
                new CloseableIterator<>() {
                    @Override
                    public boolean hasNext() {
                        return fileIterator.hasNext();
                    }

                    @Override
                    public FileStatus next() {
                        return fileIterator.next();
                    }

                    @Override
                    public void close() {
                    }
                }, schema, Optional.empty())) {
            while (batches.hasNext()) {
                ColumnarBatch batch = batches.next().getData();
                ColumnVector vector = batch.getColumnVector(0);
                for (int i = 0; i < batch.getSize(); i++) {
                    values.add(vector.isNullAt(i) ? null : value(vector, i));
                }
            }
        }
        return values;
    }

    private static Object value(ColumnVector vector, int row) {
        return switch (vector.getDataType().toString()) {
            case "long" -> vector.getLong(row);
            case "integer" -> vector.getInt(row);
            case "double" -> vector.getDouble(row);
            case "boolean" -> vector.getBoolean(row);
            default -> vector.getString(row);
        };
    }
}
