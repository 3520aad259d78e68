package io.danube.connect.webhook.ratelimit;

import io.danube.connect.config.ConfigException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientAddressResolverTest {

    @Test
    void forwardedForIsIgnoredWithoutTrustedProxies() {
        ClientAddressResolver resolver = new ClientAddressResolver(List.of());

        assertThat(resolver.resolve("198.51.100.7", List.of("203.0.113.9"))).isEqualTo("198.51.100.7");
    }

    @Test
    void forwardedForIsIgnoredWhenThePeerIsNotATrustedProxy() {
        ClientAddressResolver resolver = new ClientAddressResolver(List.of("10.0.0.0/8"));

        assertThat(resolver.resolve("198.51.100.7", List.of("203.0.113.9"))).isEqualTo("198.51.100.7");
    }

    @Test
    void rightMostUntrustedHopIsTheClientBehindTrustedProxies() {
        ClientAddressResolver resolver = new ClientAddressResolver(List.of("10.0.0.0/8", "192.0.2.1"));

        assertThat(resolver.resolve("10.1.2.3", List.of("6.6.6.6, 203.0.113.9", "192.0.2.1")))
                .isEqualTo("203.0.113.9");
    }

    @Test
    void garbageInForwardedForFallsBackToThePeer() {
        ClientAddressResolver resolver = new ClientAddressResolver(List.of("127.0.0.1"));

        assertThat(resolver.resolve("127.0.0.1", List.of("evil.example.com"))).isEqualTo("127.0.0.1");
    }

    @Test
    void malformedTrustedProxyFailsNamingItsKey() {
        assertThatThrownBy(() -> new ClientAddressResolver(List.of("10.0.0.0/8", "10.0.0.0/33")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("rate_limit.trusted_proxies[1]");
    }
}
