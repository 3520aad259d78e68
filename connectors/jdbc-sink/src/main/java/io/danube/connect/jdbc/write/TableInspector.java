package io.danube.connect.jdbc.write;

import io.danube.connect.jdbc.config.TableName;
import io.danube.connect.jdbc.mapping.ColumnType;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Reads a table's columns from JDBC metadata. */
final class TableInspector {

    private TableInspector() {
    }

    /** The table's columns in order with their types, or empty when the table does not exist. */
    static Optional<Map<String, ColumnType>> columns(Connection connection, TableName table) throws SQLException {
        DatabaseMetaData metaData = connection.getMetaData();
        String escape = metaData.getSearchStringEscape();
        String schema = table.schema() != null ? table.schema() : connection.getSchema();
        Map<String, ColumnType> columns = new LinkedHashMap<>();
        try (ResultSet rs = metaData.getColumns(connection.getCatalog(), escapePattern(schema, escape),
                escapePattern(table.name(), escape), null)) {
            while (rs.next()) {
                columns.put(rs.getString("COLUMN_NAME"),
                        ColumnType.fromJdbc(rs.getInt("DATA_TYPE"), rs.getString("TYPE_NAME")));
            }
        }
        return columns.isEmpty() ? Optional.empty() : Optional.of(columns);
    }

    private static String escapePattern(String name, String escape) {
        if (name == null || escape == null || escape.isEmpty()) {
            return name;
        }
        return name.replace(escape, escape + escape).replace("_", escape + "_").replace("%", escape + "%");
    }
}
