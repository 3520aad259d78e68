package io.danube.connect.clickhouse.config;

import io.danube.connect.api.ConsumerConfig;
import io.danube.connect.api.SubscriptionType;
import io.danube.connect.clickhouse.mapping.ColumnSpec;
import io.danube.connect.clickhouse.mapping.ColumnType;
import io.danube.connect.config.FieldPath;
import io.danube.connect.clickhouse.mapping.MetadataField;
import io.danube.connect.config.ConfigException;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A validated route: the topic to consume and how its messages become rows of one table.
 *
 * @param columns     explicit mappings; empty means the keys of a JSON object go to the same-named columns
 * @param orderBy     ORDER BY columns of a created table; empty means {@code tuple()}
 * @param partitionBy PARTITION BY expression of a created table, or null
 */
public record RouteConfig(String topic, ConsumerConfig consumer, String table, boolean metadataColumns,
                          List<ColumnSpec> columns, boolean autoCreate, TableEngine engine, List<String> orderBy,
                          String partitionBy) {

    public static final String DEFAULT_SUBSCRIPTION = "clickhouse-sink";
    private static final Pattern EXPRESSION = Pattern.compile("[A-Za-z0-9_(), ]+");

    public boolean automaticMapping() {
        return columns.isEmpty();
    }

    /** Validates {@code settings}, the route at {@code index} of connector {@code connectorName}. */
    public static RouteConfig from(RouteSettings settings, int index, String connectorName) {
        String key = "clickhouse.routes[" + index + "]";
        String topic = ConfigException.requireText(key + ".from", settings.from());
        if (!topic.startsWith("/")) {
            throw new ConfigException(key + ".from", "must be a Danube topic like /namespace/topic, got '" + topic
                                                     + "'");
        }
        String table = Identifiers.require(key + ".to", settings.to());
        boolean metadata = Boolean.TRUE.equals(settings.metadataColumns());
        List<ColumnSpec> columns = columns(key, settings, metadata);
        boolean autoCreate = Boolean.TRUE.equals(settings.autoCreate());
        if (autoCreate && columns.isEmpty()) {
            throw new ConfigException(key + ".auto_create", "creating the table needs explicit [[clickhouse.routes"
                                                            + ".columns]] with their types");
        }
        TableEngine engine = TableEngine.parse(key + ".engine", settings.engine());
        List<String> orderBy = orderBy(key, settings, columns, metadata);
        if (engine == TableEngine.REPLACING_MERGE_TREE && orderBy.isEmpty()) {
            throw new ConfigException(key + ".order_by", "ReplacingMergeTree needs ORDER BY columns (the key rows"
                                                         + " are deduplicated on), e.g. metadata_columns = true");
        }
        String partitionBy = settings.partitionBy();
        if (partitionBy != null && !EXPRESSION.matcher(partitionBy).matches()) {
            throw new ConfigException(key + ".partition_by", "'" + partitionBy + "' is not a plain expression"
                                                             + " like toYYYYMM(at)");
        }
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
        return new RouteConfig(topic, consumer, table, metadata, columns, autoCreate, engine, orderBy, partitionBy);
    }

    private static List<ColumnSpec> columns(String key, RouteSettings settings, boolean metadata) {
        if (settings.columns() == null) {
            return List.of();
        }
        List<ColumnSpec> columns = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < settings.columns().size(); i++) {
            ColumnSettings column = settings.columns().get(i);
            String columnKey = key + ".columns[" + i + "]";
            String name = Identifiers.require(columnKey + ".column", column.column());
            if (!names.add(name) || metadata && MetadataField.isMetadataColumn(name)) {
                throw new ConfigException(columnKey + ".column", "column '" + name + "' is mapped twice");
            }
            FieldPath field = FieldPath.parse(columnKey + ".field", column.field() == null ? "$." + name
                    : column.field());
            columns.add(new ColumnSpec(name, ColumnType.parse(columnKey + ".type", column.type()), field,
                    Boolean.TRUE.equals(column.required())));
        }
        return List.copyOf(columns);
    }

    private static List<String> orderBy(String key, RouteSettings settings, List<ColumnSpec> columns,
                                        boolean metadata) {
        if (settings.orderBy() == null) {
            return metadata ? List.of(MetadataField.TOPIC.column(), MetadataField.OFFSET.column()) : List.of();
        }
        Set<String> known = new LinkedHashSet<>();
        columns.forEach(column -> known.add(column.column()));
        if (metadata) {
            for (MetadataField field : MetadataField.values()) {
                known.add(field.column());
            }
        }
        List<String> orderBy = new ArrayList<>();
        for (int i = 0; i < settings.orderBy().size(); i++) {
            String column = Identifiers.require(key + ".order_by[" + i + "]", settings.orderBy().get(i));
            if (!columns.isEmpty() && !known.contains(column)) {
                throw new ConfigException(key + ".order_by[" + i + "]", "'" + column + "' is not one of the"
                                                                        + " columns " + known);
            }
            orderBy.add(column);
        }
        return List.copyOf(orderBy);
    }
}
