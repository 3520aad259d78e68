package io.danube.connect.webhook;

import io.danube.connect.api.ConnectorContext;
import io.danube.connect.api.ProducerConfig;
import io.danube.connect.config.ConfigException;
import io.danube.connect.config.ConnectorConfig;
import io.danube.connect.config.ConnectorConfigLoader;
import io.danube.connect.webhook.config.WebhookSettings;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhookConfigTest {

    private static final String CORE = """
            danube_service_url = "http://127.0.0.1:6650"
            connector_name = "cfg"
            """;

    private static WebhookSourceConnector initialized(ConnectorConfig config, Map<String, String> env) {
        WebhookSourceConnector connector = new WebhookSourceConnector(env::get, Clock.systemUTC());
        connector.initialize(ConnectorContext.of(config, new DefaultCamelContext()));
        return connector;
    }

    private static ConnectorConfig toml(String sections) {
        return new ConnectorConfigLoader(Map.of()).parse(CORE + sections, ConnectorConfigLoader.Format.TOML, Map.of());
    }

    @Test
    void exampleConfigFileLoadsWithItsRoutesAndTopics() {
        ConnectorConfig config = new ConnectorConfigLoader(Map.of()).load(Path.of("config/webhook-source.toml"));

        WebhookSourceConnector connector = initialized(config, Map.of("WEBHOOK_API_KEY", "k"));

        assertThat(config.connectorClass()).contains(WebhookSourceConnector.class.getName());
        assertThat(connector.producerConfigs()).containsExactly(new ProducerConfig("/default/orders", 4, true),
                new ProducerConfig("/default/events", 0, false));
        WebhookSettings settings = WebhookSettings.from(config);
        assertThat(settings.server().port()).isEqualTo(8080);
        assertThat(settings.rateLimit().perIpEnabled()).isTrue();
        assertThat(settings.routes().get(1).rateLimit().burstSize()).isEqualTo(200);
    }

    @Test
    void propertiesFormatCarriesTheSameKeys() {
        String properties = """
                danube_service_url=http://127.0.0.1:6650
                connector_name=props
                server.host=127.0.0.1
                server.port=9000
                server.max_body_size=4096
                auth.type=hmac
                auth.secret_env=HOOK_SECRET
                auth.algorithm=sha512
                auth.timestamp_header=X-Timestamp
                rate_limit.requests_per_second=10
                rate_limit.trusted_proxies.1=10.0.0.0/8
                routes.1.from=/a
                routes.1.to=/default/a
                routes.1.partitions=2
                routes.2.from=/b
                routes.2.to=/default/b
                routes.2.rate_limit.requests_per_second=1
                """;
        ConnectorConfig config = new ConnectorConfigLoader(Map.of()).parse(properties,
                ConnectorConfigLoader.Format.PROPERTIES, Map.of());

        WebhookSourceConnector connector = initialized(config, Map.of("HOOK_SECRET", "s"));

        WebhookSettings settings = WebhookSettings.from(config);
        assertThat(settings.server().port()).isEqualTo(9000);
        assertThat(settings.server().maxBodySize()).isEqualTo(4096);
        assertThat(settings.rateLimit().trustedProxies()).containsExactly("10.0.0.0/8");
        assertThat(settings.routes().get(1).rateLimit().requestsPerSecond()).isEqualTo(1.0);
        assertThat(connector.producerConfigs()).extracting(ProducerConfig::topic)
                .containsExactly("/default/a", "/default/b");
    }

    @Test
    void unknownAuthTypeFailsNamingAuthType() {
        assertThatThrownBy(() -> initialized(toml("""
                [auth]
                type = "basic"
                [[routes]]
                from = "/a"
                to = "/default/a"
                """), Map.of())).isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo("auth.type"));
    }

    @Test
    void missingSecretEnvironmentVariableFailsNamingSecretEnv() {
        assertThatThrownBy(() -> initialized(toml("""
                [auth]
                type = "apikey"
                secret_env = "NOT_SET_ANYWHERE"
                [[routes]]
                from = "/a"
                to = "/default/a"
                """), Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("NOT_SET_ANYWHERE")
                .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo("auth.secret_env"));
    }

    @Test
    void routePathsMustBeAbsoluteUniqueAndNotReserved() {
        for (String from : List.of("relative", "/health", "/a?x=1")) {
            assertThatThrownBy(() -> initialized(toml("""
                    [auth]
                    type = "none"
                    [[routes]]
                    from = "%s"
                    to = "/default/a"
                    """.formatted(from)), Map.of())).isInstanceOf(ConfigException.class)
                    .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo("routes[0].from"));
        }
        assertThatThrownBy(() -> initialized(toml("""
                [auth]
                type = "none"
                [[routes]]
                from = "/a"
                to = "/default/a"
                [[routes]]
                from = "/a"
                to = "/default/b"
                """), Map.of())).isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo("routes[1].from"));
    }

    @Test
    void misspeltRouteKeyFailsNamingIt() {
        assertThatThrownBy(() -> initialized(toml("""
                [auth]
                type = "none"
                [[routes]]
                from = "/a"
                to = "/default/a"
                partitons = 3
                """), Map.of())).isInstanceOf(ConfigException.class).hasMessageContaining("partitons");
    }

    @Test
    void nonPositiveRateFailsNamingTheKey() {
        assertThatThrownBy(() -> initialized(toml("""
                [auth]
                type = "none"
                [rate_limit]
                requests_per_second = 0
                [[routes]]
                from = "/a"
                to = "/default/a"
                """), Map.of())).isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo("rate_limit.requests_per_second"));
    }

    @Test
    void rs256WithoutReadableKeyFailsNamingPublicKeyPath() {
        assertThatThrownBy(() -> initialized(toml("""
                [auth]
                type = "jwt"
                algorithm = "RS256"
                public_key_path = "/nonexistent/key.pem"
                [[routes]]
                from = "/a"
                to = "/default/a"
                """), Map.of())).isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo("auth.public_key_path"));
    }

    @Test
    void twoRoutesIntoOneTopicWithDifferentPartitionsFailNamingTheSecond() {
        WebhookSourceConnector connector = initialized(toml("""
                [auth]
                type = "none"
                [[routes]]
                from = "/a"
                to = "/default/shared"
                partitions = 2
                [[routes]]
                from = "/b"
                to = "/default/shared"
                """), Map.of());

        assertThatThrownBy(connector::producerConfigs).isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo("routes[1].to"));
    }

    @Test
    void routesPublishInArrivalOrderUnlessTheyDeclareMoreSendsInFlight() {
        WebhookSourceConnector connector = initialized(toml("""
                [auth]
                type = "none"
                [[routes]]
                from = "/ordered"
                to = "/default/ordered"
                [[routes]]
                from = "/events"
                to = "/default/events"
                max_in_flight = 16
                """), Map.of());

        assertThat(connector.producerConfigs()).extracting(ProducerConfig::maxInFlight).containsExactly(1, 16);
        assertThatThrownBy(() -> initialized(toml("""
                [auth]
                type = "none"
                [[routes]]
                from = "/a"
                to = "/default/a"
                max_in_flight = 0
                """), Map.of())).isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo("routes[0].max_in_flight"));
    }
}
