package io.danube.connect.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * A connector's whole configuration: the core keys every connector shares plus the connector's own sections (every
 * other top-level key, such as {@code [mqtt]} or {@code [[routes]]}), read with {@link #section(String, Class)}.
 *
 * <p>A section nobody reads is an unknown key: after {@code initialize} the runtime calls
 * {@link #requireAllSectionsRead()}, which fails naming it. Build one in code with {@link #builder()}.
 */
public final class ConnectorConfig {

    private static final ObjectMapper SECTION_MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .findAndAddModules()
            .build();

    private final String danubeServiceUrl;
    private final String connectorName;
    private final String connectorClass;
    private final RetrySettings retry;
    private final ProcessingSettings processing;
    private final List<SchemaMapping> schemas;
    private final ObjectNode sections;
    private final ConfigPaths paths;
    private final Set<String> readSections = ConcurrentHashMap.newKeySet();

    ConnectorConfig(String danubeServiceUrl, String connectorName, String connectorClass, RetrySettings retry,
                    ProcessingSettings processing, List<SchemaMapping> schemas, ObjectNode sections,
                    ConfigPaths paths) {
        this.danubeServiceUrl = ConfigException.requireText("danube_service_url", danubeServiceUrl);
        this.connectorName = ConfigException.requireText("connector_name", connectorName);
        this.connectorClass = connectorClass;
        this.retry = Objects.requireNonNull(retry, "retry");
        this.processing = Objects.requireNonNull(processing, "processing");
        this.schemas = List.copyOf(schemas);
        this.sections = sections.deepCopy();
        this.paths = Objects.requireNonNull(paths, "paths");
    }

    public static Builder builder() {
        return new Builder();
    }

    public String danubeServiceUrl() {
        return danubeServiceUrl;
    }

    public String connectorName() {
        return connectorName;
    }

    /** The {@code connector_class} key: the connector implementation the launcher instantiates, if named. */
    public Optional<String> connectorClass() {
        return Optional.ofNullable(connectorClass);
    }

    public RetrySettings retry() {
        return retry;
    }

    public ProcessingSettings processing() {
        return processing;
    }

    public List<SchemaMapping> schemas() {
        return schemas;
    }

    /** A copy of this config with other processing settings. */
    public ConnectorConfig withProcessing(ProcessingSettings newProcessing) {
        return new ConnectorConfig(danubeServiceUrl, connectorName, connectorClass, retry, newProcessing, schemas,
                sections, paths);
    }

    /**
     * Resolves the files the config names, e.g. {@code paths().resolve("mqtt.ca_file", section.caFile())}: relative
     * paths against the config file's directory, then the working directory.
     */
    public ConfigPaths paths() {
        return paths;
    }

    /** Names of the connector's own top-level sections. */
    public Set<String> sectionNames() {
        Set<String> names = new TreeSet<>();
        sections.fieldNames().forEachRemaining(names::add);
        return Collections.unmodifiableSet(names);
    }

    /**
     * Binds the top-level section {@code name} to {@code type}: a record or bean whose camelCase properties match the
     * snake_case keys. Unknown keys and wrong types fail with a {@link ConfigException} naming the key, e.g.
     * {@code mqtt.port}. A missing section fails too; use {@link #optionalSection} when it may be absent.
     */
    public <T> T section(String name, Class<T> type) {
        return optionalSection(name, type)
                .orElseThrow(() -> new ConfigException(name, "required section is missing"));
    }

    /** Like {@link #section} but empty when the section is absent. */
    public <T> Optional<T> optionalSection(String name, Class<T> type) {
        readSections.add(name);
        JsonNode node = sections.get(name);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        try {
            return Optional.of(SECTION_MAPPER.treeToValue(node, type));
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException(path(name, e), "unknown key; known keys are "
                    + e.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.toList()), e);
        } catch (JsonMappingException e) {
            if (e.getCause() instanceof ConfigException problem) {
                throw problem;
            }
            throw new ConfigException(path(name, e), ConfigValues.mismatch(e, valueAt(node, e)), e);
        } catch (IOException e) {
            throw new ConfigException(name, e.getMessage(), e);
        }
    }

    /** The raw tree of section {@code name} (marks it as read); empty when absent. */
    public Optional<JsonNode> rawSection(String name) {
        readSections.add(name);
        return Optional.ofNullable(sections.get(name)).map(JsonNode::deepCopy);
    }

    /**
     * Fails naming the first top-level key that is neither a core key nor a section some code read: a misspelt
     * section must not be ignored silently.
     */
    public void requireAllSectionsRead() {
        for (Iterator<String> names = sections.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!readSections.contains(name)) {
                throw new ConfigException(name, "unknown key: neither a core key (" + String.join(", ",
                        ConnectorConfigLoader.CORE_KEYS) + ") nor a section the connector reads");
            }
        }
    }

    private static JsonNode valueAt(JsonNode section, JsonMappingException e) {
        JsonNode value = section;
        for (JsonMappingException.Reference reference : e.getPath()) {
            value = reference.getFieldName() != null ? value.path(reference.getFieldName())
                    : value.path(reference.getIndex());
        }
        return value;
    }

    private static String path(String section, JsonMappingException e) {
        List<String> parts = new ArrayList<>();
        parts.add(section);
        for (JsonMappingException.Reference reference : e.getPath()) {
            parts.add(reference.getFieldName() != null ? reference.getFieldName()
                    : "[" + reference.getIndex() + "]");
        }
        return String.join(".", parts).replace(".[", "[");
    }

    /** Builds a config in code; starts from the defaults of every optional key. */
    public static final class Builder {
        private String danubeServiceUrl;
        private String connectorName;
        private String connectorClass;
        private RetrySettings retry = RetrySettings.DEFAULTS;
        private ProcessingSettings processing = ProcessingSettings.DEFAULTS;
        private List<SchemaMapping> schemas = List.of();
        private ObjectNode sections = JsonNodeFactory.instance.objectNode();
        private ConfigPaths paths = ConfigPaths.workingDirectoryOnly();

        private Builder() {
        }

        public Builder danubeServiceUrl(String value) {
            this.danubeServiceUrl = value;
            return this;
        }

        public Builder connectorName(String value) {
            this.connectorName = value;
            return this;
        }

        public Builder connectorClass(String value) {
            this.connectorClass = value;
            return this;
        }

        public Builder retry(RetrySettings value) {
            this.retry = value;
            return this;
        }

        public Builder processing(ProcessingSettings value) {
            this.processing = value;
            return this;
        }

        public Builder schemas(List<SchemaMapping> value) {
            this.schemas = value;
            return this;
        }

        /** Where relative file references are looked up; by default the working directory. */
        public Builder paths(ConfigPaths value) {
            this.paths = value;
            return this;
        }

        /** Adds a connector section from any value Jackson can turn into a tree (a map, a record, a JsonNode). */
        public Builder section(String name, Object value) {
            sections.set(name, SECTION_MAPPER.valueToTree(value));
            return this;
        }

        public ConnectorConfig build() {
            return new ConnectorConfig(danubeServiceUrl, connectorName, connectorClass, retry, processing, schemas,
                    sections, paths);
        }
    }
}
