package io.danube.connect.jdbc.dialect;

import io.danube.connect.jdbc.config.Identifiers;
import io.danube.connect.jdbc.config.TableName;
import io.danube.connect.jdbc.mapping.ColumnType;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import static io.danube.connect.jdbc.config.Identifiers.quote;

/**
 * What differs between databases: column type names for auto-create, how JSON values are bound, and the upsert
 * statement. Every statement uses quoted, validated identifiers and {@code ?} parameters only.
 */
public interface Dialect {

    /** The dialect for a JDBC URL: PostgreSQL, H2, MariaDB (or MySQL), or standard SQL for anything else. */
    static Dialect forUrl(String url) {
        if (url.startsWith("jdbc:postgresql:")) {
            return new PostgresDialect();
        }
        if (url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:")) {
            return new MariaDbDialect();
        }
        if (url.startsWith("jdbc:h2:")) {
            return new H2Dialect();
        }
        return new StandardDialect();
    }

    String name();

    /** The DDL type of a column created for {@code type}. */
    String ddlType(ColumnType type);

    /** The DDL type of a key column (part of a primary key) created for {@code type}. */
    default String keyDdlType(ColumnType type) {
        return ddlType(type);
    }

    /** A statement every pooled connection runs once when opened, or null. */
    default String connectionInitSql() {
        return null;
    }

    /** The {@link java.sql.Types} value of {@code type} is bound with. */
    default int bindType(ColumnType type) {
        return type.sqlType();
    }

    /** The parameter marker for a value of {@code type}. */
    default String placeholder(ColumnType type) {
        return "?";
    }

    /** Whether {@link #upsert} is available. */
    default boolean supportsUpsert() {
        return false;
    }

    /** Whether batches can be written with PostgreSQL's {@code COPY … FROM STDIN}. */
    default boolean supportsCopy() {
        return false;
    }

    default String insert(TableName table, List<String> columns, List<ColumnType> types) {
        return "INSERT INTO " + table.sql() + " (" + columnList(columns) + ") VALUES (" + placeholders(types) + ")";
    }

    /** An insert-or-update statement by {@code keys}; only when {@link #supportsUpsert()}. */
    default String upsert(TableName table, List<String> columns, List<ColumnType> types, List<String> keys) {
        throw new UnsupportedOperationException(name() + " has no upsert statement");
    }

    default String createTable(TableName table, List<String> columns, List<ColumnType> types, List<String> keys) {
        StringBuilder sql = new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(table.sql()).append(" (");
        for (int i = 0; i < columns.size(); i++) {
            boolean key = keys.contains(columns.get(i));
            sql.append(i == 0 ? "" : ", ").append(quote(columns.get(i))).append(' ')
                    .append(key ? keyDdlType(types.get(i)) : ddlType(types.get(i)));
            if (key) {
                sql.append(" NOT NULL");
            }
        }
        if (!keys.isEmpty()) {
            sql.append(", PRIMARY KEY (").append(columnList(keys)).append(')');
        }
        return sql.append(')').toString();
    }

    /**
     * The table of an effectively-once route's stored positions, one row per written record, its primary key the
     * position: an insert of a position already stored fails, which is how a concurrent write is detected.
     */
    default String createPositionTable(TableName table) {
        return "CREATE TABLE IF NOT EXISTS " + table.sql() + " (\"subscription\" VARCHAR(255) NOT NULL,"
               + " \"partition_topic\" VARCHAR(255) NOT NULL, \"msg_offset\" BIGINT NOT NULL,"
               + " PRIMARY KEY (\"subscription\", \"partition_topic\", \"msg_offset\"))";
    }

    /**
     * An insert of the positions of one (subscription, partition) with all their offsets as one array parameter
     * ({@code subscription, partition_topic, Long[] offsets}), or empty when the database takes one row per
     * position.
     */
    default Optional<String> positionArrayInsert(TableName table) {
        return Optional.empty();
    }

    default String columnList(List<String> columns) {
        return columns.stream().map(Identifiers::quote).collect(Collectors.joining(", "));
    }

    default String placeholders(List<ColumnType> types) {
        return types.stream().map(this::placeholder).collect(Collectors.joining(", "));
    }
}
