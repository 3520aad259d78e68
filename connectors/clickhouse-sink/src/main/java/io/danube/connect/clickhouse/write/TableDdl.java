package io.danube.connect.clickhouse.write;

import io.danube.connect.clickhouse.config.Identifiers;
import io.danube.connect.clickhouse.config.RouteConfig;
import io.danube.connect.clickhouse.mapping.ColumnSpec;
import io.danube.connect.clickhouse.mapping.MetadataField;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The statements a route needs: its INSERT and, with {@code auto_create}, its CREATE TABLE. */
final class TableDdl {

    private TableDdl() {
    }

    static String qualified(String database, String table) {
        return Identifiers.quote(database) + "." + Identifiers.quote(table);
    }

    static String insert(String database, RouteConfig route) {
        return "INSERT INTO " + qualified(database, route.table()) + " FORMAT JSONEachRow";
    }

    /** {@code CREATE TABLE IF NOT EXISTS} with the mapped columns (then the metadata columns), engine and keys. */
    static String create(String database, RouteConfig route) {
        List<String> columns = new ArrayList<>();
        for (ColumnSpec column : route.columns()) {
            columns.add(Identifiers.quote(column.column()) + " " + column.type().sql());
        }
        if (route.metadataColumns()) {
            for (MetadataField field : MetadataField.values()) {
                columns.add(Identifiers.quote(field.column()) + " " + field.type());
            }
        }
        String orderBy = route.orderBy().isEmpty() ? "tuple()"
                : route.orderBy().stream().map(Identifiers::quote).collect(Collectors.joining(", ", "(", ")"));
        return "CREATE TABLE IF NOT EXISTS " + qualified(database, route.table()) + " (" + String.join(", ", columns)
               + ") ENGINE = " + route.engine().sql() + "()"
               + (route.partitionBy() == null ? "" : " PARTITION BY " + route.partitionBy())
               + " ORDER BY " + orderBy;
    }
}
