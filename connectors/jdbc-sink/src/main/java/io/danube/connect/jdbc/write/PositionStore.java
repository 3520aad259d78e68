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

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The positions of the records effectively-once routes wrote, one row per record keyed by (subscription, partition
 * topic, offset) in the position table. They are inserted through a Camel {@code sql:} endpoint in batch mode inside
 * the flush's transaction, so they commit or roll back with the rows; the primary key makes the insert of a position
 * another instance stored meanwhile fail, which fails the flush as retryable. A per-record key (rather than a
 * high-water mark per partition) is what keeps Shared subscriptions correct, where offsets of one partition interleave
 * across instances.
 */
public final class PositionStore {

    private static final Logger LOG = LoggerFactory.getLogger(PositionStore.class);

    private final TableName table;
    private final Dialect dialect;
    private final ProducerTemplate template;
    private final SqlEndpoint endpoint;
    private final String insert;
    private final String select;
    private volatile boolean created;

    public PositionStore(TableName table, Dialect dialect, CamelContext camel, ProducerTemplate template,
                         String dataSourceBean) {
        this.table = table;
        this.dialect = dialect;
        this.template = template;
        this.endpoint = camel.getEndpoint("sql:" + dataSourceBean + "-positions?dataSource=#" + dataSourceBean
                                          + "&batch=true&batchAutoCommitDisabled=false&useMessageBodyForSql=true"
                                          + "&noop=true&parametersCount=3", SqlEndpoint.class);
        endpoint.getJdbcTemplate().setExceptionTranslator(new SQLExceptionSubclassTranslator());
        this.insert = "INSERT INTO " + table.sql() + " (\"subscription\", \"partition_topic\", \"msg_offset\")"
                      + " VALUES (?, ?, ?)";
        this.select = "SELECT \"msg_offset\" FROM " + table.sql() + " WHERE \"subscription\" = ?"
                      + " AND \"partition_topic\" = ? AND \"msg_offset\" BETWEEN ? AND ?";
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
     * Of {@code positions}, those stored: one query per (subscription, partition) over the batch's offset range.
     * Reads on its own pooled connection (the endpoint's JDBC template, outside any flush).
     */
    public Set<DanubePosition> stored(List<DanubePosition> positions) {
        prepare();
        Map<List<String>, long[]> ranges = new LinkedHashMap<>();
        for (DanubePosition position : positions) {
            long[] range = ranges.computeIfAbsent(List.of(position.subscription(), position.partition()),
                    key -> new long[]{Long.MAX_VALUE, Long.MIN_VALUE});
            range[0] = Math.min(range[0], position.offset());
            range[1] = Math.max(range[1], position.offset());
        }
        Set<DanubePosition> wanted = new HashSet<>(positions);
        Set<DanubePosition> stored = new HashSet<>();
        try {
            ranges.forEach((key, range) -> endpoint.getJdbcTemplate().queryForList(select, Long.class, key.get(0),
                    key.get(1), range[0], range[1]).forEach(offset -> {
                        DanubePosition position = new DanubePosition(key.get(0), key.get(1), offset);
                        if (wanted.contains(position)) {
                            stored.add(position);
                        }
                    }));
        } catch (RuntimeException e) {
            throw new RetryableException("Cannot read stored positions from " + table + ": "
                                         + SqlErrors.describe(e), e);
        }
        return stored;
    }

    /**
     * Inserts {@code positions} in the caller's transaction as one JDBC batch.
     *
     * @throws RetryableException for any failure, a position stored meanwhile by another instance included: the
     *                            flush rolls back and the runtime's retry skips what is stored
     */
    void store(List<DanubePosition> positions) {
        if (positions.isEmpty()) {
            return;
        }
        Exchange result = template.send(endpoint, exchange -> {
            exchange.getExchangeExtension().setTransacted(true);
            exchange.getIn().setBody(insert);
            exchange.getIn().setHeader(SqlConstants.SQL_PARAMETERS, positions.stream()
                    .map(p -> List.<Object>of(p.subscription(), p.partition(), p.offset())).iterator());
        });
        Exception error = result.getException();
        if (error != null) {
            String reason = SqlErrors.isDataError(error) ? "a position was stored meanwhile by another instance"
                    : "the database failed";
            throw new RetryableException("Storing " + positions.size() + " position(s) in " + table + " failed ("
                                         + reason + "): " + SqlErrors.describe(error), error);
        }
    }
}
