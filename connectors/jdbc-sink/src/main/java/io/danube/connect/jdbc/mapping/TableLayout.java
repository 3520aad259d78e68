package io.danube.connect.jdbc.mapping;

import io.danube.connect.jdbc.config.TableName;
import io.danube.connect.jdbc.config.WriteMode;
import io.danube.connect.jdbc.dialect.Dialect;

import java.util.List;

/**
 * The resolved shape of one route's writes: table, columns in statement order, key columns, and the statement.
 *
 * @param automatic the payload must be a JSON object whose keys are column names
 */
public record TableLayout(TableName table, List<ColumnSpec> columns, List<String> keyColumns, WriteMode mode,
                          boolean automatic) {

    public TableLayout {
        columns = List.copyOf(columns);
        keyColumns = List.copyOf(keyColumns);
    }

    public List<String> columnNames() {
        return columns.stream().map(ColumnSpec::column).toList();
    }

    public List<ColumnType> columnTypes() {
        return columns.stream().map(ColumnSpec::type).toList();
    }

    /** The parameterised INSERT or upsert statement of this layout in {@code dialect}. */
    public String statement(Dialect dialect) {
        return mode == WriteMode.UPSERT
                ? dialect.upsert(table, columnNames(), columnTypes(), keyColumns)
                : dialect.insert(table, columnNames(), columnTypes());
    }
}
