package io.danube.connect.delta.config;

import java.util.List;

/**
 * One {@code [[deltalake.routes]]} entry (or {@code [[deltalake.topic_mappings]]}, the older Rust spelling): a Danube
 * topic written into one Delta table. Validated by {@link RouteConfig#from}.
 *
 * @param from                  Danube topic {@code /namespace/topic} ({@code topic} in the older spelling)
 * @param topic                 older spelling of {@code from}
 * @param subscription          subscription name (default {@code delta-sink})
 * @param subscriptionType      Exclusive (default), FailOver, Shared or KeyShared
 * @param consumerName          consumer name (default {@code <connector>-<table directory name>})
 * @param to                    table location: a path or a {@code file://} / Hadoop file system URI
 * @param deltaTablePath        older spelling of {@code to}
 * @param expectedSchemaSubject messages with another schema subject are dead-lettered; also the registry subject the
 *                              table schema is read from
 * @param schemaType            Rust key; only {@code Json} is supported
 * @param writeMode             Rust key; only {@code append} is supported
 * @param includeDanubeMetadata Rust spelling of {@code metadata_columns}
 * @param metadataColumns       add danube_topic, danube_partition, danube_offset, danube_publish_time
 * @param columns               our column mappings
 * @param fieldMappings         Rust column mappings
 * @param schema                older Rust column list
 * @param partitionColumns      columns partitioning a created table
 * @param deadLetterTopic       where rejected records go (default {@code <from>-dlq})
 * @param batchSize             Rust per-topic batch size: accepted, the batcher is {@code [processing]}'s
 * @param flushIntervalMs       Rust per-topic flush interval: accepted, the batcher is {@code [processing]}'s
 */
public record RouteSettings(String from, String topic, String subscription, String subscriptionType,
                            String consumerName, String to, String deltaTablePath, String expectedSchemaSubject,
                            String schemaType, String writeMode, Boolean includeDanubeMetadata,
                            Boolean metadataColumns, List<ColumnSettings> columns, List<ColumnSettings> fieldMappings,
                            List<ColumnSettings> schema, List<String> partitionColumns, String deadLetterTopic,
                            Integer batchSize, Long flushIntervalMs) {
}
