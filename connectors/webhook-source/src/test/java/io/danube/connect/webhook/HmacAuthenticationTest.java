package io.danube.connect.webhook;

import io.danube.client.consumer.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class HmacAuthenticationTest extends WebhookTestSupport {

    private static final String SECRET = "whsec-test-0123456789";

    private String topic;

    @BeforeEach
    void startConnector() {
        topic = uniqueTopic("signed");
        start(serverToml("") + """
                [auth]
                type = "hmac"
                algorithm = "sha256"
                header = "X-Signature-256"
                secret_env = "TEST_HMAC_SECRET"
                timestamp_header = "X-Webhook-Timestamp"
                timestamp_tolerance_secs = 300

                [[routes]]
                from = "/github"
                to = "%s"
                """.formatted(topic), Map.of("TEST_HMAC_SECRET", SECRET));
    }

    static String sign(String secret, String timestamp, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body)
                .getBytes(StandardCharsets.UTF_8)));
    }

    private HttpResponse<String> postSigned(String body, String timestamp, String signature) {
        return post("/github", body, "Content-Type", "application/json", "X-Webhook-Timestamp", timestamp,
                "X-Signature-256", signature);
    }

    @Test
    void validSignatureOverTheRawBodyIsAcceptedAndTheBodyPublishedByteForByte() throws Exception {
        Consumer reader = subscribe(topic);
        String body = "{ \"action\" : \"opened\",\n  \"title\": \"caf\u00e9 \u2603\" }";
        String now = Long.toString(Instant.now().getEpochSecond());

        HttpResponse<String> response = postSigned(body, now, sign(SECRET, now, body));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(drain(reader, Duration.ofSeconds(2))).extracting(WebhookTestSupport::text).containsExactly(body);
    }

    @Test
    void signatureMadeWithAnotherSecretIsRejected() throws Exception {
        String body = "{\"action\":\"opened\"}";
        String now = Long.toString(Instant.now().getEpochSecond());

        HttpResponse<String> response = postSigned(body, now, sign("another-secret", now, body));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("invalid signature");
    }

    @Test
    void bodyAlteredAfterSigningIsRejected() throws Exception {
        String now = Long.toString(Instant.now().getEpochSecond());

        HttpResponse<String> response = postSigned("{\"amount\":1000}", now, sign(SECRET, now, "{\"amount\":10}"));

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void replayOfAnAcceptedRequestIsRejected() throws Exception {
        String body = "{\"delivery\":\"d-1\"}";
        String now = Long.toString(Instant.now().getEpochSecond());
        String signature = sign(SECRET, now, body);
        assertThat(postSigned(body, now, signature).statusCode()).isEqualTo(200);

        HttpResponse<String> replay = postSigned(body, now, signature);

        assertThat(replay.statusCode()).isEqualTo(401);
        assertThat(replay.body()).contains("replayed");
    }

    @Test
    void correctlySignedRequestWithATimestampOutsideTheToleranceIsRejected() throws Exception {
        String body = "{\"delivery\":\"d-old\"}";
        String tenMinutesAgo = Long.toString(Instant.now().minusSeconds(600).getEpochSecond());

        HttpResponse<String> response = postSigned(body, tenMinutesAgo, sign(SECRET, tenMinutesAgo, body));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("tolerance");
    }

    @Test
    void timestampChangedAfterSigningIsRejected() throws Exception {
        String body = "{\"delivery\":\"d-2\"}";
        String signedAt = Long.toString(Instant.now().minusSeconds(600).getEpochSecond());
        String now = Long.toString(Instant.now().getEpochSecond());

        assertThat(postSigned(body, now, sign(SECRET, signedAt, body)).statusCode()).isEqualTo(401);
    }

    @Test
    void missingOrMalformedSignatureHeaderIsRejected() {
        String now = Long.toString(Instant.now().getEpochSecond());

        assertThat(post("/github", "{}", "X-Webhook-Timestamp", now).statusCode()).isEqualTo(401);
        assertThat(postSigned("{}", now, "sha256=not-hex").statusCode()).isEqualTo(401);
    }
}
