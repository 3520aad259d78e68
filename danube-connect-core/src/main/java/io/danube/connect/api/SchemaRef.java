package io.danube.connect.api;

/**
 * The registry schema a consumed message was stamped with.
 *
 * @param id      registry schema id
 * @param version version of the schema under its subject
 */
public record SchemaRef(long id, int version) {
}
