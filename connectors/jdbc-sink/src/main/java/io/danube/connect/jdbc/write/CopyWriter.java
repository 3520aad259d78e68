package io.danube.connect.jdbc.write;

import io.danube.connect.jdbc.config.Identifiers;
import io.danube.connect.jdbc.config.TableName;
import io.danube.connect.jdbc.mapping.Row;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.SqlParameterValue;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes rows with PostgreSQL's {@code COPY … FROM STDIN (FORMAT csv)} on the flush's connection: every non-null value
 * is a quoted CSV field (so an empty string stays distinct from NULL, written as an empty unquoted field); the server
 * parses it with the column's input function, so a bad value fails with the same SQLSTATE as an INSERT would.
 */
final class CopyWriter {

    private final String copySql;

    CopyWriter(TableName table, List<String> columns) {
        this.copySql = "COPY " + table.sql() + " (" + columns.stream().map(Identifiers::quote)
                .collect(Collectors.joining(", ")) + ") FROM STDIN (FORMAT csv)";
    }

    void copy(Connection connection, List<Row> rows) throws SQLException {
        StringBuilder csv = new StringBuilder(rows.size() * 128);
        for (Row row : rows) {
            List<Object> values = row.values();
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    csv.append(',');
                }
                Object value = ((SqlParameterValue) values.get(i)).getValue();
                if (value != null) {
                    csv.append('"').append(value.toString().replace("\"", "\"\"")).append('"');
                }
            }
            csv.append('\n');
        }
        try {
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql, new StringReader(csv.toString()));
        } catch (IOException e) {
            throw new SQLException("COPY into the database failed: " + e.getMessage(), "08000", e);
        }
    }
}
