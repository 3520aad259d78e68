package io.danube.connect.jdbc.write;

import com.fasterxml.jackson.databind.JsonNode;
import io.danube.connect.api.RetryableException;
import io.danube.connect.api.SinkRecord;
import io.danube.connect.config.ConfigException;
import io.danube.connect.jdbc.config.Identifiers;
import io.danube.connect.jdbc.config.RouteConfig;
import io.danube.connect.jdbc.dialect.Dialect;
import io.danube.connect.jdbc.mapping.ColumnSpec;
import io.danube.connect.jdbc.mapping.ColumnType;
import io.danube.connect.config.FieldPath;
import io.danube.connect.jdbc.mapping.MetadataField;
import io.danube.connect.jdbc.mapping.Row;
import io.danube.connect.jdbc.mapping.RowMapper;
import io.danube.connect.jdbc.mapping.TableLayout;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.sql.SqlConstants;
import org.apache.camel.component.sql.SqlEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.support.SQLExceptionSubclassTranslator;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes the rows of one route through a Camel {@code sql:} endpoint in batch mode: the statement is the message body,
 * the rows' bound values the {@code CamelSqlParameters} iterator, so one exchange is one JDBC batch. The exchange is
 * marked transacted so the endpoint joins the caller's Spring transaction instead of committing the batch itself. The table layout
 * is resolved on first use (from the mappings or the existing table) and the table is created if allowed. Routes with
 * {@code copy = true} write with PostgreSQL COPY on the same transaction's connection instead.
 */
public final class TableWriter {

    private static final Logger LOG = LoggerFactory.getLogger(TableWriter.class);

    private final RouteConfig route;
    private final String routeKey;
    private final Dialect dialect;
    private final DataSource dataSource;
    private final CamelContext camel;
    private final ProducerTemplate template;
    private final String dataSourceBean;
    private final String endpointName;
    private volatile TableLayout layout;
    private RowMapper mapper;
    private String statement;
    private Endpoint endpoint;
    private CopyWriter copyWriter;

    public TableWriter(RouteConfig route, int index, Dialect dialect, DataSource dataSource, CamelContext camel,
                       ProducerTemplate template, String dataSourceBean) {
        this.route = route;
        this.routeKey = "jdbc.routes[" + index + "]";
        this.dialect = dialect;
        this.dataSource = dataSource;
        this.camel = camel;
        this.template = template;
        this.dataSourceBean = dataSourceBean;
        this.endpointName = dataSourceBean + "-route-" + index;
    }

    public RouteConfig route() {
        return route;
    }

    public boolean ready() {
        return layout != null;
    }

    public TableLayout layout() {
        return layout;
    }

    /**
     * Resolves the layout if not done yet: reads the table, creates it when missing and allowed (automatic mapping
     * infers the columns from the first JSON object in {@code sample}). Stays not ready when the table must be
     * inferred and {@code sample} holds no JSON object.
     *
     * @throws ConfigException    when the table or a mapped column does not exist and cannot be created
     * @throws RetryableException when the database cannot be reached
     */
    public synchronized void prepare(List<SinkRecord> sample) {
        if (layout != null) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            Optional<Map<String, ColumnType>> existing = TableInspector.columns(connection, route.table());
            if (existing.isEmpty()) {
                if (!route.autoCreate()) {
                    throw new ConfigException(routeKey + ".to", "table " + route.table()
                                                                + " does not exist and auto_create is false");
                }
                List<ColumnSpec> columns = route.automaticMapping() ? inferred(sample) : route.columns();
                if (columns.isEmpty()) {
                    return;
                }
                columns = withMetadata(columns);
                String ddl = dialect.createTable(route.table(), columns.stream().map(ColumnSpec::column).toList(),
                        columns.stream().map(ColumnSpec::type).toList(), route.keyColumns());
                try (Statement create = connection.createStatement()) {
                    create.execute(ddl);
                }
                LOG.info("Created table {}: {}", route.table(), ddl);
                existing = TableInspector.columns(connection, route.table());
                if (existing.isEmpty()) {
                    throw new ConfigException(routeKey + ".to", "table " + route.table()
                                                                + " is not visible after creating it");
                }
            }
            use(resolve(existing.get()));
        } catch (SQLException e) {
            throw new RetryableException("Cannot read table " + route.table() + ": " + SqlErrors.describe(e), e);
        }
    }

    private List<ColumnSpec> inferred(List<SinkRecord> sample) {
        for (SinkRecord record : sample) {
            JsonNode payload;
            try {
                payload = record.payloadJson(JsonNode.class);
            } catch (RuntimeException e) {
                continue;
            }
            if (!payload.isObject()) {
                continue;
            }
            List<ColumnSpec> columns = new ArrayList<>();
            payload.fields().forEachRemaining(field -> {
                String name = field.getKey();
                if (!validIdentifier(name) || route.metadataColumns() && MetadataField.isMetadataColumn(name)) {
                    LOG.warn("Field '{}' of {} is not a usable column name; not creating a column for it", name,
                            record);
                    return;
                }
                columns.add(ColumnSpec.ofField(name, ColumnType.inferredFrom(field.getValue()),
                        FieldPath.parse(routeKey, "$." + name), route.keyColumns().contains(name)));
            });
            List<String> names = columns.stream().map(ColumnSpec::column).toList();
            for (String key : route.keyColumns()) {
                if (!names.contains(key) && !(route.metadataColumns() && MetadataField.isMetadataColumn(key))) {
                    throw new ConfigException(routeKey + ".key_columns", "key column '" + key
                                              + "' is not a field of the first message " + names);
                }
            }
            return columns;
        }
        return List.of();
    }

    private List<ColumnSpec> withMetadata(List<ColumnSpec> columns) {
        if (!route.metadataColumns()) {
            return columns;
        }
        List<ColumnSpec> all = new ArrayList<>(columns);
        for (MetadataField field : MetadataField.values()) {
            ColumnSpec spec = ColumnSpec.ofMetadata(field);
            all.add(route.keyColumns().contains(field.column()) ? spec.asRequired() : spec);
        }
        return all;
    }

    private TableLayout resolve(Map<String, ColumnType> existing) {
        List<ColumnSpec> columns = new ArrayList<>();
        if (route.automaticMapping()) {
            existing.forEach((name, type) -> {
                if (route.metadataColumns() && MetadataField.isMetadataColumn(name)) {
                    return;
                }
                if (!validIdentifier(name)) {
                    LOG.warn("Column {} of {} is not a plain identifier; automatic mapping leaves it out", name,
                            route.table());
                    return;
                }
                columns.add(ColumnSpec.ofField(name, type, FieldPath.parse(routeKey, "$." + name),
                        route.keyColumns().contains(name)));
            });
        } else {
            for (int i = 0; i < route.columns().size(); i++) {
                ColumnSpec column = route.columns().get(i);
                if (!existing.containsKey(column.column())) {
                    throw new ConfigException(routeKey + ".columns[" + i + "].column", "table " + route.table()
                                              + " has no column '" + column.column() + "'; it has "
                                              + existing.keySet());
                }
                columns.add(column);
            }
        }
        List<ColumnSpec> all = withMetadata(columns);
        for (ColumnSpec column : all) {
            if (column.metadata() != null && !existing.containsKey(column.column())) {
                throw new ConfigException(routeKey + ".metadata_columns", "table " + route.table()
                                          + " has no column '" + column.column() + "' for the Danube metadata");
            }
        }
        List<String> names = all.stream().map(ColumnSpec::column).toList();
        for (String key : route.keyColumns()) {
            if (!names.contains(key)) {
                throw new ConfigException(routeKey + ".key_columns", "key column '" + key + "' is not a column of "
                                          + route.table() + " " + names);
            }
        }
        return new TableLayout(route.table(), all, route.keyColumns(), route.mode(), route.automaticMapping());
    }

    private void use(TableLayout resolved) {
        String sql = resolved.statement(dialect);
        SqlEndpoint sqlEndpoint = camel.getEndpoint("sql:" + endpointName + "?dataSource=#" + dataSourceBean
                                                    + "&batch=true&batchAutoCommitDisabled=false&useMessageBodyForSql=true&noop=true"
                                                    + "&parametersCount=" + resolved.columns().size(),
                SqlEndpoint.class);
        sqlEndpoint.getJdbcTemplate().setExceptionTranslator(new SQLExceptionSubclassTranslator());
        this.endpoint = sqlEndpoint;
        this.statement = sql;
        this.mapper = new RowMapper(resolved, dialect);
        this.copyWriter = route.copy() ? new CopyWriter(resolved.table(), resolved.columnNames()) : null;
        this.layout = resolved;
        LOG.info("Route {} -> {} writes with: {}", route.topic(), route.table(), route.copy() ? "COPY" : sql);
    }

    /** Maps a record to its row; throws {@link io.danube.connect.api.InvalidDataException} for bad data. */
    public Row map(SinkRecord record) {
        return mapper.map(record);
    }

    /**
     * Runs {@code rows} as one JDBC batch in the caller's transaction.
     *
     * @throws DataFailure        when a row's data was rejected (SQLSTATE class 22 or 23)
     * @throws RetryableException for any other failure
     */
    void execute(List<Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        if (copyWriter != null) {
            copy(rows);
            return;
        }
        Iterator<List<Object>> values = rows.stream().map(Row::values).iterator();
        Exchange result = template.send(endpoint, exchange -> {
            exchange.getExchangeExtension().setTransacted(true);
            exchange.getIn().setBody(statement);
            exchange.getIn().setHeader(SqlConstants.SQL_PARAMETERS, values);
        });
        Exception error = result.getException();
        if (error == null) {
            return;
        }
        String message = "Writing " + rows.size() + " row(s) to " + route.table() + " failed: "
                         + SqlErrors.describe(error);
        if (SqlErrors.isDataError(error)) {
            throw new DataFailure(message, error);
        }
        throw new RetryableException(message, error);
    }

    /** COPY on the connection of the caller's transaction; failures are classified like a batch's. */
    private void copy(List<Row> rows) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            copyWriter.copy(connection, rows);
        } catch (SQLException e) {
            String message = "Copying " + rows.size() + " row(s) into " + route.table() + " failed: "
                             + SqlErrors.describe(e);
            if (SqlErrors.isDataError(e)) {
                throw new DataFailure(message, e);
            }
            throw new RetryableException(message, e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    private static boolean validIdentifier(String name) {
        try {
            Identifiers.require("column", name);
            return true;
        } catch (ConfigException e) {
            return false;
        }
    }
}
