package io.danube.connect.clickhouse.config;

import java.util.List;

/**
 * One {@code [[clickhouse.routes]]} entry: a Danube topic written into one table. Validated and resolved by
 * {@link RouteConfig#from}.
 *
 * @param from                  Danube topic, {@code /namespace/topic}
 * @param subscription          subscription name (default {@code clickhouse-sink})
 * @param subscriptionType      Exclusive, Shared (default), FailOver or KeyShared
 * @param consumerName          consumer name (default {@code <connector>-<table>})
 * @param to                    table in the connector's database
 * @param metadataColumns       also write danube_topic, danube_offset, danube_publish_time, danube_producer
 * @param columns               explicit field mappings; empty means the JSON object's keys go to the same-named columns
 * @param autoCreate            create the table when it does not exist (needs {@code columns}; default false)
 * @param engine                engine of a created table: MergeTree (default) or ReplacingMergeTree
 * @param orderBy               ORDER BY columns of a created table (default the metadata columns danube_topic,
 *                              danube_offset when written, else none)
 * @param partitionBy           PARTITION BY expression of a created table, e.g. {@code toYYYYMM(at)} (default none)
 * @param deadLetterTopic       where rejected rows go (default {@code <from>-dlq})
 * @param expectedSchemaSubject messages stamped with another schema subject are dead-lettered
 */
public record RouteSettings(String from, String subscription, String subscriptionType, String consumerName,
                            String to, Boolean metadataColumns, List<ColumnSettings> columns, Boolean autoCreate,
                            String engine, List<String> orderBy, String partitionBy, String deadLetterTopic,
                            String expectedSchemaSubject) {
}
