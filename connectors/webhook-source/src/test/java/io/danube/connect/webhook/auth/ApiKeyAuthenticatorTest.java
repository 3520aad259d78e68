package io.danube.connect.webhook.auth;

import io.danube.connect.webhook.http.WebhookRequest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ApiKeyAuthenticatorTest {

    private static final String KEY = "k-0123456789abcdef";

    private static WebhookRequest withKey(String key) {
        return new WebhookRequest("POST", "/hook", Map.of("x-api-key", List.of(key)), new byte[0], "127.0.0.1",
                Instant.now());
    }

    @Test
    void secretComparisonHashesBothSidesSoLengthAndPositionOfTheDifferenceDoNotMatter() {
        assertThat(SecretComparison.matches(KEY, KEY)).isTrue();
        assertThat(SecretComparison.matches(KEY, "X" + KEY.substring(1))).isFalse();
        assertThat(SecretComparison.matches(KEY, KEY.substring(0, KEY.length() - 1) + "X")).isFalse();
        assertThat(SecretComparison.matches(KEY, KEY + "extra")).isFalse();
        assertThat(SecretComparison.matches(KEY, "")).isFalse();
        assertThat(SecretComparison.matches(KEY, null)).isFalse();
    }

    @Test
    void headerLookupIsCaseInsensitiveAndTheKeyMustMatchExactly() {
        ApiKeyAuthenticator authenticator = new ApiKeyAuthenticator("X-API-Key", KEY);

        assertThat(authenticator.verify(withKey(KEY))).isCompleted();
        assertThat(authenticator.verify(withKey(KEY.toUpperCase()))).failsWithin(Duration.ZERO)
                .withThrowableThat().havingCause().isInstanceOf(AuthenticationException.class)
                .withMessage("invalid API key");
    }
}
