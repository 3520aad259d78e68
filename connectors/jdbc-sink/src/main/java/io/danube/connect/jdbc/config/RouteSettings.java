package io.danube.connect.jdbc.config;

import java.util.List;

/**
 * One {@code [[jdbc.routes]]} entry: a Danube topic written into one table. Validated and resolved by
 * {@link RouteConfig#from}.
 *
 * @param from                  Danube topic, {@code /namespace/topic}
 * @param subscription          subscription name (default {@code jdbc-sink})
 * @param subscriptionType      Exclusive, Shared (default), FailOver or KeyShared
 * @param consumerName          consumer name (default {@code <connector>-<table>})
 * @param to                    table, optionally {@code schema.table}
 * @param mode                  insert (default) or upsert
 * @param keyColumns            the conflict key of upsert mode
 * @param autoCreate            create the table when it does not exist (default false)
 * @param metadataColumns       also write danube_topic, danube_offset, danube_publish_time, danube_producer
 * @param columns               explicit field mappings; empty means automatic mapping of a flat JSON object
 * @param copy                  insert mode on PostgreSQL: write each batch with COPY instead of batched INSERTs
 * @param deadLetterTopic       where rejected rows go (default {@code <from>-dlq})
 * @param expectedSchemaSubject messages stamped with another schema subject are dead-lettered
 * @param delivery              at_least_once (default) or effectively_once
 */
public record RouteSettings(String from, String subscription, String subscriptionType, String consumerName,
                            String to, String mode, List<String> keyColumns, Boolean autoCreate,
                            Boolean metadataColumns, List<ColumnSettings> columns, Boolean copy,
                            String deadLetterTopic, String expectedSchemaSubject, String delivery) {
}
