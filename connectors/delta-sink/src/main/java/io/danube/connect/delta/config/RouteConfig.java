package io.danube.connect.delta.config;

import io.danube.connect.api.ConsumerConfig;
import io.danube.connect.api.SubscriptionType;
import io.danube.connect.config.ConfigException;
import io.danube.connect.config.FieldPath;
import io.danube.connect.delta.mapping.ColumnSpec;
import io.danube.connect.delta.mapping.ColumnType;
import io.danube.connect.delta.mapping.MetadataColumn;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A validated route: the topic to consume, the table location, the configured columns (empty: from the registry or
 * inferred) and whether positions are stored with the data (Exclusive and Failover subscriptions).
 *
 * @param location table location as Delta Kernel takes it: an absolute path or a URI with a scheme
 */
public record RouteConfig(String topic, ConsumerConfig consumer, String location, List<ColumnSpec> columns,
                          boolean metadataColumns, List<String> partitionColumns) {

    public static final String DEFAULT_SUBSCRIPTION = "delta-sink";

    /** One consumer per partition: offsets of a partition arrive in order, so a highest offset marks what is stored. */
    public boolean storesPositions() {
        return consumer.subscriptionType().readsInOffsetOrder();
    }

    /** Whether records of partition topic {@code partition} belong to this route's topic. */
    public boolean reads(String partition) {
        return consumer.reads(partition);
    }

    public static RouteConfig from(RouteSettings settings, int index, String connectorName, Path workingDirectory) {
        String key = "deltalake.routes[" + index + "]";
        String topic = ConfigException.requireText(key + ".from", either(key, "from", settings.from(), "topic",
                settings.topic()));
        if (!topic.startsWith("/")) {
            throw new ConfigException(key + ".from", "must be a Danube topic like /namespace/topic, got '" + topic
                                                     + "'");
        }
        String location = location(key + ".to", ConfigException.requireText(key + ".to",
                either(key, "to", settings.to(), "delta_table_path", settings.deltaTablePath())), workingDirectory);
        if (settings.schemaType() != null && !settings.schemaType().equalsIgnoreCase("json")) {
            throw new ConfigException(key + ".schema_type", "only Json payloads can be written to columns, got '"
                                                            + settings.schemaType() + "'");
        }
        if (settings.writeMode() != null && !settings.writeMode().equalsIgnoreCase("append")) {
            throw new ConfigException(key + ".write_mode", "only append is supported, got '" + settings.writeMode()
                                                           + "'");
        }
        boolean metadata = Boolean.TRUE.equals(settings.metadataColumns())
                           || Boolean.TRUE.equals(settings.includeDanubeMetadata());
        List<ColumnSpec> columns = columns(key, settings, metadata);
        List<String> partitionColumns = settings.partitionColumns() == null ? List.of()
                : List.copyOf(settings.partitionColumns());
        for (int i = 0; i < partitionColumns.size(); i++) {
            String column = partitionColumns.get(i);
            boolean known = columns.stream().anyMatch(spec -> spec.name().equals(column))
                            || metadata && MetadataColumn.isMetadataColumn(column);
            if (!columns.isEmpty() && !known) {
                throw new ConfigException(key + ".partition_columns[" + i + "]", "'" + column
                                                                                 + "' is not one of the columns");
            }
        }
        SubscriptionType subscriptionType;
        try {
            subscriptionType = settings.subscriptionType() == null ? SubscriptionType.EXCLUSIVE
                    : SubscriptionType.parse(settings.subscriptionType());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key + ".subscription_type", e.getMessage());
        }
        String subscription = settings.subscription() == null ? DEFAULT_SUBSCRIPTION
                : ConfigException.requireText(key + ".subscription", settings.subscription());
        String tableName = location.replaceAll("/+$", "");
        tableName = tableName.substring(tableName.lastIndexOf('/') + 1);
        String consumerName = settings.consumerName() == null ? connectorName + "-" + tableName
                : ConfigException.requireText(key + ".consumer_name", settings.consumerName());
        ConsumerConfig consumer = new ConsumerConfig(topic, consumerName, subscription, subscriptionType,
                settings.expectedSchemaSubject(), settings.deadLetterTopic());
        return new RouteConfig(topic, consumer, location, columns, metadata, partitionColumns);
    }

    private static String either(String key, String name, String value, String alias, String aliasValue) {
        if (value != null && aliasValue != null) {
            throw new ConfigException(key + "." + alias, "set either " + name + " or " + alias + ", not both");
        }
        return value != null ? value : aliasValue;
    }

    private static String location(String key, String text, Path workingDirectory) {
        String trimmed = text.trim();
        if (trimmed.matches("[A-Za-z][A-Za-z0-9+.-]*:.*") && !trimmed.matches("[A-Za-z]:\\\\.*")) {
            URI uri;
            try {
                uri = URI.create(trimmed);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(key, "'" + text + "' is not a path or URI: " + e.getMessage(), e);
            }
            if (uri.getScheme().equals("file")) {
                return Path.of(uri).toAbsolutePath().toString();
            }
            return trimmed;
        }
        return workingDirectory.resolve(trimmed).toAbsolutePath().normalize().toString();
    }

    private static List<ColumnSpec> columns(String key, RouteSettings settings, boolean metadata) {
        List<ColumnSettings> given = new ArrayList<>();
        String listKey = key + ".columns";
        int lists = 0;
        for (var candidate : List.of(
                java.util.Map.entry("columns", settings.columns() == null ? List.<ColumnSettings>of() : settings.columns()),
                java.util.Map.entry("field_mappings", settings.fieldMappings() == null ? List.<ColumnSettings>of()
                        : settings.fieldMappings()),
                java.util.Map.entry("schema", settings.schema() == null ? List.<ColumnSettings>of() : settings.schema()))) {
            if (!candidate.getValue().isEmpty()) {
                lists++;
                listKey = key + "." + candidate.getKey();
                given = candidate.getValue();
            }
        }
        if (lists > 1) {
            throw new ConfigException(key + ".columns", "use one of columns, field_mappings and schema");
        }
        List<ColumnSpec> columns = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < given.size(); i++) {
            ColumnSettings column = given.get(i);
            String columnKey = listKey + "[" + i + "]";
            String name = ConfigException.requireText(columnKey + ".column", either(columnKey, "column",
                    column.column(), "name", column.name()));
            if (!names.add(name) || metadata && MetadataColumn.isMetadataColumn(name)) {
                throw new ConfigException(columnKey + ".column", "column '" + name + "' is mapped twice");
            }
            String field = either(columnKey, "field", column.field(), "json_path", column.jsonPath());
            String type = either(columnKey, "type", column.type(), "data_type", column.dataType());
            if (column.nullable() != null && column.required() != null && column.nullable() == column.required()) {
                throw new ConfigException(columnKey + ".required", "contradicts nullable");
            }
            boolean nullable = column.required() != null ? !column.required()
                    : column.nullable() == null || column.nullable();
            columns.add(new ColumnSpec(name, ColumnType.parse(columnKey + ".type", type == null ? "string"
                    : type.toLowerCase(Locale.ROOT)), FieldPath.parse(columnKey + ".field", field == null ? "$." + name
                    : field), nullable));
        }
        return List.copyOf(columns);
    }
}
