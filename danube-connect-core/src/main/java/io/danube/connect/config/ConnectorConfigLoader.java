package io.danube.connect.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a connector config file — TOML (the Rust connectors' files load unchanged), YAML with the same keys, or
 * Java/Camel properties with dotted keys ({@code retry.max_retries=5}, {@code mqtt.host=...}) — applies environment
 * overrides and validates the core keys, failing fast with a {@link ConfigException} naming the bad or unknown key.
 *
 * <p>Environment overrides: {@code DANUBE_SERVICE_URL}, {@code CONNECTOR_NAME} and {@code METRICS_PORT}
 * ({@code processing.metrics_port}), plus the connector's secret variables passed to {@link #load(Path, Map)} as
 * {@code ENV_VAR -> dotted.key}. File references in a loaded file resolve against its directory first
 * ({@link ConnectorConfig#paths}).
 */
public final class ConnectorConfigLoader {

    /** Top-level keys owned by the SDK; every other top-level key is a connector section. */
    public static final List<String> CORE_KEYS = List.of("danube_service_url", "connector_name", "connector_class",
            "retry", "processing", "schemas");

    private static final Set<String> RETRY_KEYS = Set.of("max_retries", "retry_backoff_ms", "max_backoff_ms",
            "initial_interval_ms", "max_interval_ms");
    private static final Set<String> PROCESSING_KEYS = Set.of("batch_size", "batch_timeout_ms", "batch_linger_ms",
            "poll_interval_ms", "metrics_port", "metrics_host", "log_level", "health_check_interval_ms",
            "health_check_failure_threshold", "shutdown_timeout_ms");
    private static final Set<String> SCHEMA_KEYS = Set.of("topic", "subject", "schema_type", "schema_file",
            "auto_register", "version_strategy");
    private static final Set<String> SCHEMA_TYPES = Set.of("json_schema", "json", "avro", "protobuf", "string",
            "number", "bytes");

    private final Map<String, String> environment;

    /** @param environment the process environment, {@code System.getenv()} outside tests */
    public ConnectorConfigLoader(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** Loads {@code file} with only the core environment overrides. */
    public ConnectorConfig load(Path file) {
        return load(file, Map.of());
    }

    /**
     * Loads {@code file}; {@code secretOverrides} maps environment variables to the dotted keys they override, e.g.
     * {@code MQTT_PASSWORD -> mqtt.password}.
     */
    public ConnectorConfig load(Path file, Map<String, String> secretOverrides) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw ConfigException.ofFile("cannot read " + file + ": " + e.getMessage(), e);
        }
        return parse(text, Format.of(file), secretOverrides, ConfigPaths.besideFile(file));
    }

    /** Parses config text in the given format; relative file references are resolved against the working directory. */
    public ConnectorConfig parse(String text, Format format, Map<String, String> secretOverrides) {
        return parse(text, format, secretOverrides, ConfigPaths.workingDirectoryOnly());
    }

    private ConnectorConfig parse(String text, Format format, Map<String, String> secretOverrides,
                                  ConfigPaths paths) {
        ObjectNode root = ConfigSyntax.readTree(text, format);
        applyOverride(root, "DANUBE_SERVICE_URL", "danube_service_url");
        applyOverride(root, "CONNECTOR_NAME", "connector_name");
        applyOverride(root, "METRICS_PORT", "processing.metrics_port");
        secretOverrides.forEach((variable, key) -> applyOverride(root, variable, key));
        return bind(root, paths);
    }

    private void applyOverride(ObjectNode root, String variable, String dottedKey) {
        String value = environment.get(variable);
        if (value == null || value.isEmpty()) {
            return;
        }
        String[] parts = dottedKey.split("\\.");
        ObjectNode parent = root;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = parent.get(parts[i]);
            if (!(child instanceof ObjectNode)) {
                child = parent.putObject(parts[i]);
            }
            parent = (ObjectNode) child;
        }
        parent.set(parts[parts.length - 1], TextNode.valueOf(value));
    }

    private static ConnectorConfig bind(ObjectNode root, ConfigPaths paths) {
        ConfigNode core = new ConfigNode("", root);
        ObjectNode sections = root.deepCopy();
        CORE_KEYS.forEach(sections::remove);
        return new ConnectorConfig(
                core.text("danube_service_url", null),
                core.text("connector_name", null),
                core.text("connector_class", null),
                retry(core.child("retry")),
                processing(core.child("processing")),
                schemas(core.list("schemas")),
                sections,
                paths);
    }

    private static RetrySettings retry(ConfigNode node) {
        node.requireOnly(RETRY_KEYS);
        RetrySettings defaults = RetrySettings.DEFAULTS;
        // initial_interval_ms / max_interval_ms: the spelling of the Rust webhook examples, which the Rust SDK ignored.
        RetrySettings settings = new RetrySettings(
                (int) node.number("max_retries", defaults.maxRetries(), 0, 100),
                node.millis("retry_backoff_ms", node.millis("initial_interval_ms", defaults.retryBackoff(), 1), 1),
                node.millis("max_backoff_ms", node.millis("max_interval_ms", defaults.maxBackoff(), 1), 1));
        if (settings.maxBackoff().compareTo(settings.retryBackoff()) < 0) {
            throw new ConfigException(node.path("max_backoff_ms"), "must be >= retry.retry_backoff_ms ("
                    + settings.retryBackoff().toMillis() + ")");
        }
        return settings;
    }

    private static ProcessingSettings processing(ConfigNode node) {
        node.requireOnly(PROCESSING_KEYS);
        ProcessingSettings defaults = ProcessingSettings.DEFAULTS;
        return new ProcessingSettings(
                (int) node.number("batch_size", defaults.batchSize(), 1, 1_000_000),
                node.millis("batch_timeout_ms", defaults.batchTimeout(), 1),
                node.millis("batch_linger_ms", defaults.batchLinger(), 0),
                node.millis("poll_interval_ms", defaults.pollInterval(), 0),
                (int) node.number("metrics_port", defaults.metricsPort(), -1, 65_535),
                node.text("metrics_host", defaults.metricsHost()),
                logLevel(node),
                node.millis("health_check_interval_ms", defaults.healthCheckInterval(), 1),
                (int) node.number("health_check_failure_threshold", defaults.healthCheckFailureThreshold(), 1, 1000),
                node.millis("shutdown_timeout_ms", defaults.shutdownTimeout(), 1));
    }

    private static String logLevel(ConfigNode node) {
        String level = node.text("log_level", ProcessingSettings.DEFAULTS.logLevel()).toLowerCase(Locale.ROOT);
        if (!Set.of("trace", "debug", "info", "warn", "error", "off").contains(level)) {
            throw new ConfigException(node.path("log_level"), "expected trace, debug, info, warn, error or off, got '"
                                                               + level + "'");
        }
        return level;
    }

    private static List<SchemaMapping> schemas(List<ConfigNode> entries) {
        List<SchemaMapping> mappings = new ArrayList<>();
        for (ConfigNode entry : entries) {
            entry.requireOnly(SCHEMA_KEYS);
            String type = entry.requiredText("schema_type").toLowerCase(Locale.ROOT);
            if (!SCHEMA_TYPES.contains(type)) {
                throw new ConfigException(entry.path("schema_type"), "expected one of " + SCHEMA_TYPES + ", got '"
                                                                      + type + "'");
            }
            String file = entry.text("schema_file", "");
            if (file.isBlank() && Set.of("json_schema", "json", "avro", "protobuf").contains(type)) {
                throw new ConfigException(entry.path("schema_file"), "required for schema_type " + type);
            }
            mappings.add(new SchemaMapping(entry.requiredText("topic"), entry.requiredText("subject"), type, file,
                    entry.bool("auto_register", true), versionStrategy(entry)));
        }
        return mappings;
    }

    private static VersionStrategy versionStrategy(ConfigNode entry) {
        JsonNode value = entry.raw("version_strategy");
        String key = entry.path("version_strategy");
        if (value == null || value.isNull()) {
            return VersionStrategy.LATEST;
        }
        if (value.isTextual()) {
            if (value.asText().equalsIgnoreCase("latest")) {
                return VersionStrategy.LATEST;
            }
            throw new ConfigException(key, "expected \"latest\", {pinned = N} or {minimum = N}, got '"
                                           + value.asText() + "'");
        }
        ConfigNode table = entry.child("version_strategy");
        table.requireOnly(Set.of("pinned", "minimum"));
        if (table.has("pinned") == table.has("minimum")) {
            throw new ConfigException(key, "expected exactly one of pinned or minimum");
        }
        String kind = table.has("pinned") ? "pinned" : "minimum";
        int version = (int) table.number(kind, 0, 1, Integer.MAX_VALUE);
        return new VersionStrategy(kind.equals("pinned") ? VersionStrategy.Kind.PINNED : VersionStrategy.Kind.MINIMUM,
                version);
    }

    /** File formats the loader reads. */
    public enum Format {
        TOML, PROPERTIES, YAML;

        /** By file extension: {@code .toml}, {@code .properties}, {@code .yaml} or {@code .yml}. */
        public static Format of(Path file) {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".toml")) {
                return TOML;
            }
            if (name.endsWith(".properties")) {
                return PROPERTIES;
            }
            if (name.endsWith(".yaml") || name.endsWith(".yml")) {
                return YAML;
            }
            throw ConfigException.ofFile("unsupported config file " + file
                                         + "; expected a .toml, .properties, .yaml or .yml file", null);
        }
    }

    /**
     * Whether a YAML file is a connector config (a mapping with core keys) rather than Camel routes (a list).
     */
    public static boolean isConnectorYaml(String text) {
        try {
            JsonNode tree = new YAMLMapper().readTree(text);
            return tree instanceof ObjectNode object
                   && (object.has("danube_service_url") || object.has("connector_name")
                       || object.has("connector_class"));
        } catch (JacksonException e) {
            return false;
        }
    }

    /** A config table with its dotted path, for typed reads that name the key on failure. */
    private record ConfigNode(String prefix, ObjectNode node) {

        String path(String key) {
            return prefix.isEmpty() ? key : prefix + "." + key;
        }

        boolean has(String key) {
            return node.has(key);
        }

        JsonNode raw(String key) {
            return node.get(key);
        }

        ConfigNode child(String key) {
            JsonNode value = node.get(key);
            if (value == null) {
                return new ConfigNode(path(key), JsonNodeFactory.instance.objectNode());
            }
            if (!(value instanceof ObjectNode object)) {
                throw new ConfigException(path(key), "expected a table, got " + ConfigValues.describe(value));
            }
            return new ConfigNode(path(key), object);
        }

        List<ConfigNode> list(String key) {
            JsonNode value = node.get(key);
            List<ConfigNode> entries = new ArrayList<>();
            if (value == null) {
                return entries;
            }
            if (value instanceof ObjectNode indexed) {
                // Properties files spell arrays as schemas.1.topic=...: an object keyed by index.
                indexed.fields().forEachRemaining(entry -> entries.add(entry(key + "[" + entry.getKey() + "]",
                        entry.getValue())));
                return entries;
            }
            if (!value.isArray()) {
                throw new ConfigException(path(key), "expected an array of tables ([[" + key + "]])");
            }
            for (int i = 0; i < value.size(); i++) {
                entries.add(entry(key + "[" + i + "]", value.get(i)));
            }
            return entries;
        }

        private ConfigNode entry(String key, JsonNode value) {
            if (!(value instanceof ObjectNode object)) {
                throw new ConfigException(path(key), "expected a table, got " + ConfigValues.describe(value));
            }
            return new ConfigNode(path(key), object);
        }

        void requireOnly(Set<String> known) {
            node.fieldNames().forEachRemaining(name -> {
                if (!known.contains(name)) {
                    throw new ConfigException(path(name), "unknown key; known keys are " + known.stream().sorted()
                            .toList());
                }
            });
        }

        String text(String key, String defaultValue) {
            JsonNode value = node.get(key);
            if (value == null || value.isNull()) {
                return defaultValue;
            }
            if (!value.isValueNode() || value.isBinary()) {
                throw new ConfigException(path(key), "expected a string, got " + ConfigValues.describe(value));
            }
            return value.asText();
        }

        String requiredText(String key) {
            return ConfigException.requireText(path(key), text(key, null));
        }

        boolean bool(String key, boolean defaultValue) {
            JsonNode value = node.get(key);
            if (value == null || value.isNull()) {
                return defaultValue;
            }
            if (value.isBoolean()) {
                return value.booleanValue();
            }
            if (value.isTextual() && Set.of("true", "false").contains(value.asText().toLowerCase(Locale.ROOT))) {
                return Boolean.parseBoolean(value.asText());
            }
            throw new ConfigException(path(key), "expected true or false, got " + ConfigValues.describe(value));
        }

        long number(String key, long defaultValue, long min, long max) {
            JsonNode value = node.get(key);
            if (value == null || value.isNull()) {
                return defaultValue;
            }
            long number;
            if (value.isIntegralNumber()) {
                number = value.longValue();
            } else if (value.isTextual()) {
                try {
                    number = Long.parseLong(value.asText().trim());
                } catch (NumberFormatException e) {
                    throw new ConfigException(path(key), "expected an integer, got " + ConfigValues.describe(value), e);
                }
            } else {
                throw new ConfigException(path(key), "expected an integer, got " + ConfigValues.describe(value));
            }
            if (number < min || number > max) {
                throw new ConfigException(path(key), "must be in " + min + ".." + max + ", got " + number);
            }
            return number;
        }

        Duration millis(String key, Duration defaultValue, long min) {
            return Duration.ofMillis(number(key, defaultValue.toMillis(), min, Long.MAX_VALUE / 1_000_000));
        }
    }
}
