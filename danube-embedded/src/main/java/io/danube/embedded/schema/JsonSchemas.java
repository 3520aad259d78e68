package io.danube.embedded.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion.VersionFlag;
import com.networknt.schema.SpecVersionDetector;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.resource.AllowSchemaLoader;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/** JSON parsing and JSON Schema compilation shared by registration and payload validation. */
final class JsonSchemas {

    /** Draft used when a schema does not declare {@code $schema}. */
    private static final VersionFlag DEFAULT_DRAFT = VersionFlag.V202012;
    private static final int MAX_REPORTED_ERRORS = 5;

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Map<VersionFlag, JsonSchemaFactory> FACTORIES = new ConcurrentHashMap<>();
    private static final Map<VersionFlag, JsonSchema> META_SCHEMAS = new ConcurrentHashMap<>();

    private JsonSchemas() {
    }

    static JsonNode parseJson(String text, String what) {
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new SchemaRegistryException(what + " is empty");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new SchemaRegistryException(what + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Checks the schema against its draft's meta-schema, then compiles it. */
    static JsonSchema compile(JsonNode schemaNode) {
        VersionFlag draft;
        try {
            draft = SpecVersionDetector.detectOptionalVersion(schemaNode, true).orElse(DEFAULT_DRAFT);
        } catch (RuntimeException e) {
            throw new SchemaRegistryException("Invalid JSON Schema: unsupported $schema: " + e.getMessage(), e);
        }
        JsonSchemaFactory factory = FACTORIES.computeIfAbsent(draft, JsonSchemas::offlineFactory);
        try {
            JsonSchema metaSchema = META_SCHEMAS.computeIfAbsent(draft, flag -> {
                JsonSchema loaded = factory.getSchema(SchemaLocation.of(flag.getId()));
                loaded.initializeValidators();
                return loaded;
            });
            Set<ValidationMessage> problems = metaSchema.validate(schemaNode);
            if (!problems.isEmpty()) {
                throw new SchemaRegistryException("Invalid JSON Schema: " + describe(problems));
            }
            JsonSchema schema = factory.getSchema(schemaNode);
            schema.initializeValidators();
            return schema;
        } catch (SchemaRegistryException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new SchemaRegistryException("Invalid JSON Schema: " + e.getMessage(), e);
        }
    }

    /**
     * A factory that resolves only the meta-schemas bundled on the class path: a registered schema can never make
     * the broker fetch a remote {@code $ref}.
     */
    private static JsonSchemaFactory offlineFactory(VersionFlag draft) {
        return JsonSchemaFactory.builder(JsonSchemaFactory.getInstance(draft))
                .schemaLoaders(loaders -> loaders.values(list -> list.add(0,
                        new AllowSchemaLoader(iri -> iri.toString().startsWith("classpath:")))))
                .build();
    }

    static String describe(Set<ValidationMessage> problems) {
        return problems.stream()
                .limit(MAX_REPORTED_ERRORS)
                .map(ValidationMessage::getMessage)
                .collect(Collectors.joining("; "));
    }
}
