package io.danube.connect.clickhouse.write;

import io.danube.connect.api.InvalidDataException;
import io.danube.connect.api.RejectedRecordsException.Rejection;
import io.danube.connect.api.RetryableException;
import io.danube.connect.api.SinkRecord;
import io.danube.connect.clickhouse.config.RouteConfig;
import io.danube.connect.clickhouse.http.ClickHouseHttp;
import io.danube.connect.clickhouse.http.ServerError;
import io.danube.connect.clickhouse.mapping.RowEncoder;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes one route's records into its table: each record becomes a JSONEachRow line, the lines of a batch go in one
 * INSERT request. ClickHouse parses the whole body before it writes anything (a batch is one block, far below
 * {@code max_insert_block_size}), so a data error rejects the whole insert: the rows are then split in halves and
 * written again until each bad row stands alone (k bad rows in n cost about 2·k·log2(n) requests), and the bad rows
 * come back with the server's message while the rest is written.
 */
public final class TableWriter {

    private final RouteConfig route;
    private final ClickHouseHttp http;
    private final RowEncoder encoder;
    private final String insert;
    private final String createTable;
    private final String inputSettings;
    private volatile boolean tableChecked;

    /** A record and its encoded line (without line break). */
    private record Row(SinkRecord record, byte[] line) {
    }

    public TableWriter(RouteConfig route, String database, boolean skipUnknownFields, ClickHouseHttp http) {
        this.route = route;
        this.http = http;
        this.encoder = new RowEncoder(route.table(), route.columns(), route.metadataColumns());
        this.insert = TableDdl.insert(database, route);
        this.createTable = route.autoCreate() ? TableDdl.create(database, route) : null;
        this.inputSettings = route.automaticMapping()
                ? "input_format_skip_unknown_fields=" + (skipUnknownFields ? 1 : 0)
                  + "&date_time_input_format=best_effort"
                : "";
        this.tableChecked = !route.autoCreate();
    }

    public RouteConfig route() {
        return route;
    }

    /** Creates the table if the route auto-creates it and that has not happened yet. */
    public void prepare() {
        if (tableChecked) {
            return;
        }
        Optional<ServerError> error = http.execute(createTable);
        if (error.isPresent()) {
            throw new RetryableException("Creating table " + route.table() + " failed: " + error.get(), null,
                    Map.of("table", route.table()));
        }
        tableChecked = true;
    }

    /**
     * Writes {@code records}; returns the ones that cannot be written (not JSON, unmappable, or rejected by the
     * server for their data) with the reason.
     *
     * @throws RetryableException when ClickHouse is unreachable or fails for another reason than the rows' data
     */
    public List<Rejection> write(List<SinkRecord> records) {
        prepare();
        List<Rejection> rejected = new ArrayList<>();
        List<Row> rows = new ArrayList<>(records.size());
        for (SinkRecord record : records) {
            try {
                rows.add(new Row(record, encoder.encode(record)));
            } catch (InvalidDataException e) {
                rejected.add(new Rejection(record, e));
            }
        }
        if (!rows.isEmpty()) {
            insertIsolatingBadRows(rows, rejected);
        }
        return rejected;
    }

    private void insertIsolatingBadRows(List<Row> rows, List<Rejection> rejected) {
        Optional<ServerError> error = http.insert(insert, inputSettings, body(rows));
        if (error.isEmpty()) {
            return;
        }
        if (!error.get().dataError()) {
            throw new RetryableException("Inserting " + rows.size() + " row(s) into " + route.table() + " failed: "
                                         + error.get(), null, Map.of("table", route.table()));
        }
        if (rows.size() == 1) {
            SinkRecord record = rows.get(0).record();
            Map<String, String> context = new HashMap<>(record.context());
            context.put("table", route.table());
            rejected.add(new Rejection(record, new InvalidDataException("ClickHouse rejected the row for table "
                    + route.table() + ": " + error.get(), null, context)));
            return;
        }
        int half = rows.size() / 2;
        insertIsolatingBadRows(rows.subList(0, half), rejected);
        insertIsolatingBadRows(rows.subList(half, rows.size()), rejected);
    }

    /** The rows' lines, each followed by a line break. */
    private static byte[] body(List<Row> rows) {
        int size = 0;
        for (Row row : rows) {
            size += row.line().length + 1;
        }
        byte[] body = new byte[size];
        int position = 0;
        for (Row row : rows) {
            System.arraycopy(row.line(), 0, body, position, row.line().length);
            position += row.line().length;
            body[position++] = '\n';
        }
        return body;
    }
}
