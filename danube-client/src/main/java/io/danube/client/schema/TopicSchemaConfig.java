package io.danube.client.schema;

/** Schema binding of a topic: subject, validation policy ({@code none|warn|enforce}) and payload validation flag. */
public record TopicSchemaConfig(String subject, String validationPolicy, boolean payloadValidation, long schemaId) {
}
