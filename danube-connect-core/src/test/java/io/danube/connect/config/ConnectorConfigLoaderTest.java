package io.danube.connect.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.danube.connect.config.ConnectorConfigLoader.Format;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnectorConfigLoaderTest {

    private static final String MINIMAL = """
            danube_service_url = "http://broker:6650"
            connector_name = "orders-sink"
            """;

    record QdrantRoute(String from, String subscription, String subscriptionType, String to, int vectorDimension,
                       String distance, boolean autoCreateCollection, boolean includeDanubeMetadata) {
    }

    record Qdrant(String url, String apiKey, int timeoutSecs, List<QdrantRoute> routes) {
    }

    private final ConnectorConfigLoader loader = new ConnectorConfigLoader(Map.of());

    private static Path resource(String name) throws Exception {
        return Path.of(ConnectorConfigLoaderTest.class.getResource("/config/" + name).toURI());
    }

    private ConnectorConfig parse(String toml) {
        return loader.parse(toml, Format.TOML, Map.of());
    }

    @Test
    void rustSinkConfigLoadsUnchangedWithItsConnectorSection() throws Exception {
        ConnectorConfig config = loader.load(resource("rust-sink-qdrant.toml"));

        assertThat(config.danubeServiceUrl()).isEqualTo("http://localhost:6650");
        assertThat(config.connectorName()).isEqualTo("qdrant-sink");
        assertThat(config.retry()).isEqualTo(new RetrySettings(3, Duration.ofSeconds(1), Duration.ofSeconds(30)));
        assertThat(config.processing().batchSize()).isEqualTo(100);
        assertThat(config.processing().metricsPort()).isEqualTo(9090);
        Qdrant qdrant = config.section("qdrant", Qdrant.class);
        assertThat(qdrant.url()).isEqualTo("http://localhost:6334");
        assertThat(qdrant.routes()).containsExactly(new QdrantRoute("/default/vectors", "qdrant-sink", "Exclusive",
                "embeddings", 384, "Cosine", true, true));
        config.requireAllSectionsRead();
    }

    @Test
    void rustSourceConfigLoadsWithSchemasAndItsRetryKeySpelling() throws Exception {
        ConnectorConfig config = loader.load(resource("rust-source-webhook.toml"));

        assertThat(config.retry()).isEqualTo(new RetrySettings(5, Duration.ofMillis(500), Duration.ofSeconds(10)));
        assertThat(config.schemas()).containsExactly(
                new SchemaMapping("/webhooks/payments", "payments-v1", "json_schema", "schemas/payment.json", true,
                        new VersionStrategy(VersionStrategy.Kind.PINNED, 2)),
                new SchemaMapping("/webhooks/logs", "logs", "string", "", true, VersionStrategy.LATEST));
        assertThat(config.sectionNames()).containsExactly("auth", "routes", "server");
        JsonNode routes = config.rawSection("routes").orElseThrow();
        assertThat(routes.get(0).get("partitions").asInt()).isEqualTo(4);
    }

    @Test
    void absentOptionalKeysTakeTheRustDefaults() {
        ConnectorConfig config = parse(MINIMAL);

        assertThat(config.retry()).isEqualTo(RetrySettings.DEFAULTS);
        assertThat(config.processing()).isEqualTo(ProcessingSettings.DEFAULTS);
        assertThat(config.processing().batchSize()).isEqualTo(1000);
        assertThat(config.processing().batchTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.schemas()).isEmpty();
    }

    @Test
    void environmentOverridesServiceUrlConnectorNameAndDeclaredSecrets() {
        ConnectorConfigLoader withEnv = new ConnectorConfigLoader(Map.of("DANUBE_SERVICE_URL", "http://prod:6650",
                "CONNECTOR_NAME", "orders-prod", "QDRANT_API_KEY", "s3cret"));

        ConnectorConfig config = withEnv.parse(MINIMAL + "[qdrant]\nurl = \"http://q:6334\"\n", Format.TOML,
                Map.of("QDRANT_API_KEY", "qdrant.api_key"));

        assertThat(config.danubeServiceUrl()).isEqualTo("http://prod:6650");
        assertThat(config.connectorName()).isEqualTo("orders-prod");
        assertThat(config.rawSection("qdrant").orElseThrow().get("api_key").asText()).isEqualTo("s3cret");
    }

    @Test
    void missingServiceUrlIsNamed() {
        assertThatThrownBy(() -> parse("connector_name = \"x\""))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'danube_service_url'")
                .extracting(e -> ((ConfigException) e).key()).isEqualTo("danube_service_url");
    }

    @Test
    void unknownCoreKeyIsNamed() {
        assertThatThrownBy(() -> parse(MINIMAL + "[retry]\nmax_retry = 3\n"))
                .isInstanceOf(ConfigException.class)
                .extracting(e -> ((ConfigException) e).key()).isEqualTo("retry.max_retry");
    }

    @Test
    void wrongTypeIsNamed() {
        assertThatThrownBy(() -> parse(MINIMAL + "[processing]\nbatch_size = \"many\"\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("expected an integer")
                .extracting(e -> ((ConfigException) e).key()).isEqualTo("processing.batch_size");
    }

    @Test
    void outOfRangeValueIsNamed() {
        assertThatThrownBy(() -> parse(MINIMAL + "[retry]\nmax_retries = 101\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("0..100")
                .extracting(e -> ((ConfigException) e).key()).isEqualTo("retry.max_retries");
    }

    @Test
    void malformedVersionStrategyIsNamed() {
        assertThatThrownBy(() -> parse(MINIMAL + """
                [[schemas]]
                topic = "/a/b"
                subject = "s"
                schema_type = "string"
                version_strategy = { newest = 1 }
                """))
                .isInstanceOf(ConfigException.class)
                .extracting(e -> ((ConfigException) e).key()).isEqualTo("schemas[0].version_strategy.newest");
    }

    @Test
    void unknownTopLevelSectionIsNamedOnceTheConnectorReadItsOwn() {
        ConnectorConfig config = parse(MINIMAL + "[qdrant]\nurl = \"u\"\n[qdrnat]\nurl = \"u\"\n");
        config.rawSection("qdrant");

        assertThatThrownBy(config::requireAllSectionsRead)
                .isInstanceOf(ConfigException.class)
                .extracting(e -> ((ConfigException) e).key()).isEqualTo("qdrnat");
    }

    @Test
    void unknownKeyInsideAConnectorSectionIsNamedWithItsPath() {
        ConnectorConfig config = parse(MINIMAL + """
                [qdrant]
                url = "u"
                [[qdrant.routes]]
                from = "/a/b"
                vector_dimension = 3
                distanse = "Dot"
                """);

        assertThatThrownBy(() -> config.section("qdrant", Qdrant.class))
                .isInstanceOf(ConfigException.class)
                .extracting(e -> ((ConfigException) e).key()).isEqualTo("qdrant.routes[0].distanse");
    }

    @Test
    void propertiesFileGivesTheSameConfigAsToml() {
        ConnectorConfig fromProperties = loader.parse("""
                danube_service_url=http://broker:6650
                connector_name=orders-sink
                retry.max_retries=7
                processing.batch_size=250
                qdrant.url=http://q:6334
                """, Format.PROPERTIES, Map.of());

        assertThat(fromProperties.retry().maxRetries()).isEqualTo(7);
        assertThat(fromProperties.processing().batchSize()).isEqualTo(250);
        assertThat(fromProperties.rawSection("qdrant").orElseThrow().get("url").asText()).isEqualTo("http://q:6334");
    }

    @Test
    void yamlFileGivesTheSameConfigAsTomlAndIsToldApartFromCamelRoutes() {
        String yaml = """
                danube_service_url: http://broker:6650
                connector_name: orders-sink
                retry:
                  max_retries: 7
                qdrant:
                  url: http://q:6334
                """;

        ConnectorConfig fromYaml = loader.parse(yaml, Format.YAML, Map.of());

        assertThat(fromYaml.retry().maxRetries()).isEqualTo(7);
        assertThat(fromYaml.rawSection("qdrant").orElseThrow().get("url").asText()).isEqualTo("http://q:6334");
        assertThat(ConnectorConfigLoader.isConnectorYaml(yaml)).isTrue();
        assertThat(ConnectorConfigLoader.isConnectorYaml("- route:\n    from:\n      uri: timer:x\n")).isFalse();
    }
}
