package io.danube.connect.jdbc.write;

import io.danube.connect.api.ConnectorException;
import io.danube.connect.api.InvalidDataException;
import io.danube.connect.api.RejectedRecordsException.Rejection;
import io.danube.connect.api.RetryableException;
import io.danube.connect.api.SinkRecord;
import io.danube.connect.jdbc.mapping.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Writes one flush — the rows of every table it touches — in one database transaction, one JDBC batch per table.
 * When a row's data is rejected, the transaction is rolled back and written again with the poison rows isolated:
 * each batch runs under a savepoint, and a batch that fails is rolled back to it and split in halves until the
 * failing rows stand alone. The good rows commit together; the rejected ones are returned with the database's error.
 * For effectively-once routes the positions of the written records are inserted last in the same transaction, and
 * the position store learns the outcome: committed, or failed (perhaps after the commit reached the database).
 */
public final class TransactionalFlush {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionalFlush.class);

    private final TransactionTemplate transactions;

    public TransactionalFlush(DataSource dataSource) {
        this.transactions = new TransactionTemplate(new JdbcTransactionManager(dataSource));
    }

    /**
     * Writes and commits {@code batches}; returns the rows rejected for their data (the rest are committed).
     *
     * @param positioned the records of effectively-once routes: the positions of those not rejected are stored
     *                   in {@code positions} in the same transaction, after the rows
     * @throws RetryableException when the database failed for a reason other than the data, or a position was
     *                            already stored
     */
    public List<Rejection> write(List<TableBatch> batches, List<SinkRecord> positioned, PositionStore positions) {
        AtomicReference<PositionStore.Stored> stored = new AtomicReference<>();
        try {
            List<Rejection> rejected = writeAndCommit(batches, positioned, positions, stored);
            if (stored.get() != null) {
                positions.committed(stored.get());
            }
            return rejected;
        } catch (RuntimeException e) {
            if (!positioned.isEmpty()) {
                positions.failed(positioned.stream().map(SinkRecord::position).toList());
            }
            throw e;
        }
    }

    private List<Rejection> writeAndCommit(List<TableBatch> batches, List<SinkRecord> positioned,
                                           PositionStore positions, AtomicReference<PositionStore.Stored> stored) {
        try {
            inTransaction(status -> {
                batches.forEach(batch -> batch.writer().execute(batch.rows()));
                stored.set(storePositions(positioned, List.of(), positions));
            });
            return List.of();
        } catch (DataFailure e) {
            LOG.warn("A row was rejected ({}); writing the batch again with the bad rows isolated", e.getMessage());
        }
        List<Rejection> rejected = new ArrayList<>();
        inTransaction(status -> {
            rejected.clear();
            batches.forEach(batch -> isolate(batch.writer(), batch.rows(), status, rejected));
            stored.set(storePositions(positioned, rejected, positions));
        });
        return rejected;
    }

    /** Stores the positions of the records not rejected; null when no record is of an effectively-once route. */
    private static PositionStore.Stored storePositions(List<SinkRecord> positioned, List<Rejection> rejected,
                                                      PositionStore positions) {
        if (positioned.isEmpty()) {
            return null;
        }
        Set<SinkRecord> left = Collections.newSetFromMap(new IdentityHashMap<>());
        rejected.forEach(rejection -> left.add(rejection.record()));
        return positions.store(positioned.stream().filter(record -> !left.contains(record))
                .map(SinkRecord::position).toList());
    }

    private void isolate(TableWriter writer, List<Row> rows, TransactionStatus status, List<Rejection> rejected) {
        if (rows.isEmpty()) {
            return;
        }
        Object savepoint = status.createSavepoint();
        try {
            writer.execute(rows);
            status.releaseSavepoint(savepoint);
        } catch (DataFailure e) {
            status.rollbackToSavepoint(savepoint);
            status.releaseSavepoint(savepoint);
            if (rows.size() == 1) {
                Row row = rows.get(0);
                Map<String, String> context = new HashMap<>(row.record().context());
                context.put("table", writer.route().table().toString());
                rejected.add(new Rejection(row.record(), new InvalidDataException(e.getMessage(), e.getCause(),
                        context)));
                return;
            }
            int middle = rows.size() / 2;
            isolate(writer, rows.subList(0, middle), status, rejected);
            isolate(writer, rows.subList(middle, rows.size()), status, rejected);
        }
    }

    private void inTransaction(java.util.function.Consumer<TransactionStatus> work) {
        try {
            transactions.executeWithoutResult(work);
        } catch (DataFailure | ConnectorException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new RetryableException("Database transaction failed: " + SqlErrors.describe(e), e);
        }
    }
}
