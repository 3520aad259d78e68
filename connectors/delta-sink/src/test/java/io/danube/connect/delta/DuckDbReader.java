package io.danube.connect.delta;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An independent reader: DuckDB (in memory, its own Parquet reader) over the data files the {@link DeltaLog} names.
 */
final class DuckDbReader {

    private DuckDbReader() {
    }

    /** The rows of {@code query}, in which {@code rows} stands for the table's live data files. */
    static List<List<Object>> query(DeltaLog log, String query) throws SQLException {
        List<List<Object>> result = new ArrayList<>();
        if (log.dataFiles().isEmpty()) {
            return result;
        }
        String files = log.dataFiles().stream().map(Path::toString).map(path -> "'" + path.replace("'", "''") + "'")
                .collect(Collectors.joining(", ", "[", "]"));
        String sql = query.replace("rows", "read_parquet(" + files + ", hive_partitioning = true)");
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            int width = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= width; i++) {
                    row.add(rows.getObject(i));
                }
                result.add(row);
            }
        }
        return result;
    }
}
