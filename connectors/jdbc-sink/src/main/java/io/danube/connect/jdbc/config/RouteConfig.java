package io.danube.connect.jdbc.config;

import io.danube.connect.api.ConsumerConfig;
import io.danube.connect.api.SubscriptionType;
import io.danube.connect.config.ConfigException;
import io.danube.connect.jdbc.mapping.ColumnSpec;
import io.danube.connect.jdbc.mapping.ColumnType;
import io.danube.connect.config.FieldPath;
import io.danube.connect.jdbc.mapping.MetadataField;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A validated route: the topic to consume and how its messages become rows of one table.
 *
 * @param columns explicit mappings; empty means the columns of the table are filled from a flat JSON object's keys
 * @param copy     write batches with PostgreSQL COPY (insert mode only)
 * @param delivery whether each row's Danube position is stored with it so redeliveries are skipped
 */
public record RouteConfig(String topic, ConsumerConfig consumer, TableName table, WriteMode mode,
                          List<String> keyColumns, boolean autoCreate, boolean metadataColumns,
                          List<ColumnSpec> columns, boolean copy, Delivery delivery) {

    public static final String DEFAULT_SUBSCRIPTION = "jdbc-sink";

    public boolean automaticMapping() {
        return columns.isEmpty();
    }

    /** Validates {@code settings}, the route at {@code index} of connector {@code connectorName}. */
    public static RouteConfig from(RouteSettings settings, int index, String connectorName) {
        String key = "jdbc.routes[" + index + "]";
        String topic = ConfigException.requireText(key + ".from", settings.from());
        if (!topic.startsWith("/")) {
            throw new ConfigException(key + ".from", "must be a Danube topic like /namespace/topic, got '" + topic
                                                     + "'");
        }
        TableName table = TableName.parse(key + ".to", settings.to());
        WriteMode mode = WriteMode.parse(key + ".mode", settings.mode());
        List<String> keys = new ArrayList<>();
        List<String> configuredKeys = settings.keyColumns() == null ? List.of() : settings.keyColumns();
        for (int i = 0; i < configuredKeys.size(); i++) {
            keys.add(Identifiers.require(key + ".key_columns[" + i + "]", configuredKeys.get(i)));
        }
        if (mode == WriteMode.UPSERT && keys.isEmpty()) {
            throw new ConfigException(key + ".key_columns", "upsert mode needs at least one key column");
        }
        boolean metadata = Boolean.TRUE.equals(settings.metadataColumns());
        boolean copy = Boolean.TRUE.equals(settings.copy());
        if (copy && mode != WriteMode.INSERT) {
            throw new ConfigException(key + ".copy", "COPY only works in insert mode");
        }
        List<ColumnSpec> columns = columns(key, settings, keys, metadata);
        SubscriptionType subscriptionType;
        try {
            subscriptionType = settings.subscriptionType() == null ? SubscriptionType.SHARED
                    : SubscriptionType.parse(settings.subscriptionType());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key + ".subscription_type", e.getMessage());
        }
        String subscription = settings.subscription() == null ? DEFAULT_SUBSCRIPTION
                : ConfigException.requireText(key + ".subscription", settings.subscription());
        String consumerName = settings.consumerName() == null ? connectorName + "-" + table
                : ConfigException.requireText(key + ".consumer_name", settings.consumerName());
        ConsumerConfig consumer = new ConsumerConfig(topic, consumerName, subscription, subscriptionType,
                settings.expectedSchemaSubject(), settings.deadLetterTopic());
        return new RouteConfig(topic, consumer, table, mode, List.copyOf(keys),
                Boolean.TRUE.equals(settings.autoCreate()), metadata, columns, copy,
                Delivery.parse(key + ".delivery", settings.delivery()));
    }

    private static List<ColumnSpec> columns(String key, RouteSettings settings, List<String> keys, boolean metadata) {
        if (settings.columns() == null || settings.columns().isEmpty()) {
            return List.of();
        }
        List<ColumnSpec> columns = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < settings.columns().size(); i++) {
            ColumnSettings column = settings.columns().get(i);
            String columnKey = key + ".columns[" + i + "]";
            String name = Identifiers.require(columnKey + ".column", column.column());
            if (!names.add(name) || metadata && MetadataField.isMetadataColumn(name)) {
                throw new ConfigException(columnKey + ".column", "column '" + name + "' is mapped twice");
            }
            FieldPath field = FieldPath.parse(columnKey + ".field", column.field() == null ? "$." + name
                    : column.field());
            boolean required = Boolean.TRUE.equals(column.required()) || keys.contains(name);
            columns.add(ColumnSpec.ofField(name, ColumnType.parse(columnKey + ".type", column.type()), field,
                    required));
        }
        for (String keyColumn : keys) {
            if (!names.contains(keyColumn) && !(metadata && MetadataField.isMetadataColumn(keyColumn))) {
                throw new ConfigException(key + ".key_columns", "key column '" + keyColumn
                                                                + "' is not one of the mapped columns " + names);
            }
        }
        return List.copyOf(columns);
    }
}
