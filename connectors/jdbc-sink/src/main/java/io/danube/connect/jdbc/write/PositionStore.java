package io.danube.connect.jdbc.write;

import io.danube.connect.api.DanubePosition;
import io.danube.connect.api.RetryableException;
import io.danube.connect.jdbc.config.TableName;
import io.danube.connect.jdbc.dialect.Dialect;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.sql.SqlConstants;
import org.apache.camel.component.sql.SqlEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.support.SQLExceptionSubclassTranslator;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The positions of the records effectively-once routes wrote, one row per record keyed by (subscription, partition
 * topic, offset) in the position table. They are inserted through a Camel {@code sql:} endpoint in batch mode inside
 * the flush's transaction (on PostgreSQL one statement per partition with the offsets as an array, which spares the
 * driver and the endpoint a row of parameters per record), so they commit or roll back with the rows; the primary key makes the insert of a position
 * another instance stored meanwhile fail, which fails the flush as retryable. A per-record key (rather than a
 * high-water mark per partition) is what keeps Shared subscriptions correct, where offsets of one partition interleave
 * across instances, and what keeps redeliveries of nacked records (which Danube sends after newer ones) recognised.
 *
 * <p>Asking which records are stored costs at most one query per batch, over the offset range of each partition the
 * batch touches; records of partitions read in order (Exclusive, Failover) above the partition's {@link OffsetCeilings
 * ceiling} are not asked about at all. The table is bounded by {@link PositionRetention}.
 */
public final class PositionStore {

    private static final Logger LOG = LoggerFactory.getLogger(PositionStore.class);
    private static final String PARTITION_RANGE = "(\"subscription\" = ? AND \"partition_topic\" = ?"
                                                  + " AND \"msg_offset\" BETWEEN ? AND ?)";

    private final TableName table;
    private final Dialect dialect;
    private final ProducerTemplate template;
    private final SqlEndpoint endpoint;
    private final Predicate<DanubePosition> inOrder;
    private final OffsetCeilings ceilings = new OffsetCeilings();
    private final PositionRetention retention;
    private final String insert;
    private final Optional<String> arrayInsert;
    private final String delete;
    private final String highest;
    private volatile boolean created;

    /** What a flush stored, handed back to {@link #committed} once its transaction committed. */
    public record Stored(List<DanubePosition> positions, Map<PartitionKey, Long> prunedAt) {
    }

    /**
     * @param retentionOffsets how many offsets below a partition's highest stored one are kept (0: all)
     * @param inOrder          whether a position's partition is read in offset order by one consumer at a time
     *                         (Exclusive, Failover)
     */
    public PositionStore(TableName table, Dialect dialect, CamelContext camel, ProducerTemplate template,
                         String dataSourceBean, long retentionOffsets, Predicate<DanubePosition> inOrder) {
        this.table = table;
        this.dialect = dialect;
        this.template = template;
        this.inOrder = inOrder;
        this.retention = new PositionRetention(retentionOffsets);
        this.endpoint = camel.getEndpoint("sql:" + dataSourceBean + "-positions?dataSource=#" + dataSourceBean
                                          + "&batch=true&batchAutoCommitDisabled=false&useMessageBodyForSql=true"
                                          + "&noop=true&parametersCount=3", SqlEndpoint.class);
        endpoint.getJdbcTemplate().setExceptionTranslator(new SQLExceptionSubclassTranslator());
        this.insert = "INSERT INTO " + table.sql() + " (\"subscription\", \"partition_topic\", \"msg_offset\")"
                      + " VALUES (?, ?, ?)";
        this.arrayInsert = dialect.positionArrayInsert(table);
        this.delete = "DELETE FROM " + table.sql() + " WHERE \"subscription\" = ? AND \"partition_topic\" = ?"
                      + " AND \"msg_offset\" < ?";
        this.highest = "SELECT max(\"msg_offset\") FROM " + table.sql() + " WHERE \"subscription\" = ?"
                       + " AND \"partition_topic\" = ?";
    }

    /**
     * Creates the position table if it does not exist.
     *
     * @throws RetryableException when the database cannot be reached
     */
    public void prepare() {
        if (created) {
            return;
        }
        try {
            endpoint.getJdbcTemplate().execute(dialect.createPositionTable(table));
        } catch (RuntimeException e) {
            throw new RetryableException("Cannot create the position table " + table + ": "
                                         + SqlErrors.describe(e), e);
        }
        created = true;
        LOG.info("Effectively-once routes store their positions in {}", table);
    }

    /**
     * Of {@code positions}, those stored. Reads on its own pooled connection (the endpoint's JDBC template, outside
     * any flush): at most one query over the offset ranges of the partitions in question, plus, the first time a
     * partition read in order is seen (and after a failed flush), one query for its highest stored offset.
     */
    public Set<DanubePosition> stored(List<DanubePosition> positions) {
        prepare();
        try {
            Map<PartitionKey, long[]> ranges = new LinkedHashMap<>();
            for (DanubePosition position : positions) {
                PartitionKey partition = PartitionKey.of(position);
                if (inOrder.test(position) && position.offset() > ceiling(partition)) {
                    continue;
                }
                long[] range = ranges.computeIfAbsent(partition, key -> new long[]{Long.MAX_VALUE, Long.MIN_VALUE});
                range[0] = Math.min(range[0], position.offset());
                range[1] = Math.max(range[1], position.offset());
            }
            return ranges.isEmpty() ? Set.of() : storedWithin(ranges, new HashSet<>(positions));
        } catch (RuntimeException e) {
            throw new RetryableException("Cannot read stored positions from " + table + ": "
                                         + SqlErrors.describe(e), e);
        }
    }

    private long ceiling(PartitionKey partition) {
        OptionalLong known = ceilings.of(partition);
        if (known.isPresent()) {
            return known.getAsLong();
        }
        Long stored = endpoint.getJdbcTemplate().queryForObject(highest, Long.class, partition.subscription(),
                partition.partition());
        long ceiling = stored == null ? -1 : stored;
        ceilings.learnt(partition, ceiling);
        return ceiling;
    }

    private Set<DanubePosition> storedWithin(Map<PartitionKey, long[]> ranges, Set<DanubePosition> wanted) {
        List<Object> arguments = new ArrayList<>(ranges.size() * 4);
        ranges.forEach((partition, range) -> arguments.addAll(List.of(partition.subscription(),
                partition.partition(), range[0], range[1])));
        String query = "SELECT \"subscription\", \"partition_topic\", \"msg_offset\" FROM " + table.sql()
                       + " WHERE " + String.join(" OR ", Collections.nCopies(ranges.size(),
                PARTITION_RANGE));
        Set<DanubePosition> stored = new HashSet<>();
        endpoint.getJdbcTemplate().query(query, row -> {
            DanubePosition position = new DanubePosition(row.getString(1), row.getString(2), row.getLong(3));
            if (wanted.contains(position)) {
                stored.add(position);
            }
        }, arguments.toArray());
        return stored;
    }

    /**
     * Inserts {@code positions} in the caller's transaction as one JDBC batch, and deletes the positions of the
     * partitions whose pruning is due (one batch of range deletes).
     *
     * @throws RetryableException for any failure, a position stored meanwhile by another instance included: the
     *                            flush rolls back and the runtime's retry skips what is stored
     */
    Stored store(List<DanubePosition> positions) {
        if (positions.isEmpty()) {
            return new Stored(positions, Map.of());
        }
        Map<PartitionKey, List<Long>> offsets = new LinkedHashMap<>();
        positions.forEach(p -> offsets.computeIfAbsent(PartitionKey.of(p), key -> new ArrayList<>()).add(p.offset()));
        if (arrayInsert.isPresent()) {
            execute(arrayInsert.get(), offsets.entrySet().stream().map(entry -> List.<Object>of(
                    entry.getKey().subscription(), entry.getKey().partition(), entry.getValue().toArray(Long[]::new)))
                    .toList(), positions.size() + " position(s)");
        } else {
            execute(insert, positions.stream().map(p -> List.<Object>of(p.subscription(), p.partition(),
                    p.offset())).toList(), positions.size() + " position(s)");
        }
        Map<PartitionKey, Long> highestStored = new LinkedHashMap<>();
        offsets.forEach((partition, list) -> highestStored.put(partition, Collections.max(list)));
        Map<PartitionKey, Long> prunedAt = new LinkedHashMap<>();
        List<List<Object>> prunes = new ArrayList<>();
        highestStored.forEach((partition, offset) -> {
            long below = retention.pruneBelow(partition, offset);
            if (below >= 0) {
                prunedAt.put(partition, offset);
                prunes.add(List.of(partition.subscription(), partition.partition(), below));
            }
        });
        if (!prunes.isEmpty()) {
            execute(delete, prunes, "pruning " + prunes.size() + " partition(s)");
        }
        return new Stored(positions, prunedAt);
    }

    /** After the commit of the flush that stored {@code stored}. */
    void committed(Stored stored) {
        ceilings.committed(stored.positions());
        stored.prunedAt().forEach(retention::pruned);
    }

    /** After a flush that failed, perhaps after its commit reached the database: those partitions are asked again. */
    void failed(Collection<DanubePosition> positions) {
        ceilings.forget(positions);
    }

    private void execute(String sql, List<List<Object>> rows, String what) {
        Exchange result = template.send(endpoint, exchange -> {
            exchange.getExchangeExtension().setTransacted(true);
            exchange.getIn().setBody(sql);
            exchange.getIn().setHeader(SqlConstants.SQL_PARAMETERS, rows.iterator());
        });
        Exception error = result.getException();
        if (error != null) {
            String reason = SqlErrors.isDataError(error) ? "a position was stored meanwhile by another instance"
                    : "the database failed";
            throw new RetryableException("Storing positions in " + table + " failed (" + what + ", " + reason
                                         + "): " + SqlErrors.describe(error), error);
        }
    }
}
