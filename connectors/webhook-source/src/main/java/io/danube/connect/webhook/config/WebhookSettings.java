package io.danube.connect.webhook.config;

import io.danube.connect.config.ConfigException;
import io.danube.connect.config.ConfigPaths;
import io.danube.connect.config.ConnectorConfig;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The webhook source's sections, read and checked together: {@code [server]}, {@code [auth]}, {@code [rate_limit]} and
 * at least one {@code [[routes]]}. Every problem is a {@link ConfigException} naming its key.
 */
public record WebhookSettings(ServerSettings server, AuthSettings auth, RateLimitSettings rateLimit,
                              List<RouteSettings> routes) {

    /** Paths the server answers itself. */
    public static final Set<String> RESERVED_PATHS = Set.of("/health", "/ready");

    public WebhookSettings {
        routes = List.copyOf(routes);
    }

    /** Reads the sections; files they name are resolved beside the config file, then in the working directory. */
    public static WebhookSettings from(ConnectorConfig config) {
        ConfigPaths paths = config.paths();
        ServerSettings server = config.optionalSection("server", ServerSettings.class).orElse(ServerSettings.defaults());
        if (server.tls() != null) {
            server = server.withTls(server.tls().resolved(paths));
        }
        AuthSettings auth = config.section("auth", AuthSettings.class);
        if (auth.publicKeyPath() != null) {
            auth = auth.withPublicKeyPath(paths.resolve("auth.public_key_path", auth.publicKeyPath()).toString());
        }
        RateLimitSettings rateLimit = config.optionalSection("rate_limit", RateLimitSettings.class).orElse(null);
        RouteSettings[] routes = config.optionalSection("routes", RouteSettings[].class).orElse(new RouteSettings[0]);
        for (int i = 0; i < routes.length; i++) {
            if (routes[i].schemaFile() != null) {
                routes[i] = routes[i].withSchemaFile(paths.resolve("routes[" + i + "].schema_file",
                        routes[i].schemaFile()).toString());
            }
        }
        WebhookSettings settings = new WebhookSettings(server, auth, rateLimit, List.of(routes));
        settings.validate();
        return settings;
    }

    /** The auth type in lower case. */
    public String authType() {
        return auth.type() == null ? "" : auth.type().toLowerCase(Locale.ROOT);
    }

    private void validate() {
        if (!Set.of("none", "apikey", "hmac", "jwt").contains(authType())) {
            throw new ConfigException("auth.type", "must be none, apikey, hmac or jwt, got " + auth.type());
        }
        if (rateLimit != null) {
            checkBucket("rate_limit.requests_per_second", rateLimit.requestsPerSecond(), "rate_limit.burst_size",
                    rateLimit.burstSize());
            if (rateLimit.perIpEnabled()) {
                checkBucket("rate_limit.per_ip_requests_per_second", rateLimit.perIpRequestsPerSecond(),
                        "rate_limit.per_ip_burst_size", rateLimit.perIpBurstSize());
            }
        }
        if (routes.isEmpty()) {
            throw new ConfigException("routes", "at least one [[routes]] entry is required");
        }
        Set<String> paths = new HashSet<>();
        for (int i = 0; i < routes.size(); i++) {
            RouteSettings route = routes.get(i);
            String key = "routes[" + i + "]";
            String from = ConfigException.requireText(key + ".from", route.from());
            if (!from.startsWith("/") || from.contains("?") || from.contains("#") || from.contains("*")) {
                throw new ConfigException(key + ".from", "must be a plain path starting with '/', got " + from);
            }
            if (RESERVED_PATHS.contains(from)) {
                throw new ConfigException(key + ".from", from + " is reserved for the server's own endpoint");
            }
            if (!paths.add(from)) {
                throw new ConfigException(key + ".from", "path " + from + " is used by another route");
            }
            ConfigException.requireText(key + ".to", route.to());
            if (route.partitions() < 0) {
                throw new ConfigException(key + ".partitions", "must be >= 0, got " + route.partitions());
            }
            if (route.maxInFlight() < 1) {
                throw new ConfigException(key + ".max_in_flight", "must be >= 1, got " + route.maxInFlight());
            }
            if (route.keyHeader() != null && route.keyField() != null) {
                throw new ConfigException(key + ".key_field", "set either key_header or key_field, not both");
            }
            if (route.rateLimit() != null) {
                checkBucket(key + ".rate_limit.requests_per_second", route.rateLimit().requestsPerSecond(),
                        key + ".rate_limit.burst_size", route.rateLimit().burstSize());
            }
        }
    }

    private static void checkBucket(String rateKey, Double requestsPerSecond, String burstKey, Integer burstSize) {
        if (requestsPerSecond == null || !(requestsPerSecond > 0)) {
            throw new ConfigException(rateKey, "must be > 0, got " + requestsPerSecond);
        }
        if (burstSize != null && burstSize < 1) {
            throw new ConfigException(burstKey, "must be >= 1, got " + burstSize);
        }
    }
}
