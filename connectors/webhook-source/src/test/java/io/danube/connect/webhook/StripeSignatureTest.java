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

/** {@code signature_format = "stripe"}: {@code Stripe-Signature: t=<ts>,v1=<hex>} over {@code <ts>.<body>}. */
class StripeSignatureTest extends WebhookTestSupport {

    private static final String SECRET = "whsec_stripe_test_0123456789";

    private String topic;

    @BeforeEach
    void startConnector() {
        topic = uniqueTopic("stripe");
        start(serverToml("") + """
                [auth]
                type = "hmac"
                signature_format = "stripe"
                secret_env = "TEST_STRIPE_SECRET"
                timestamp_tolerance_secs = 300

                [[routes]]
                from = "/stripe"
                to = "%s"
                """.formatted(topic), Map.of("TEST_STRIPE_SECRET", SECRET));
    }

    private static String v1(String secret, long timestamp, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
    }

    private HttpResponse<String> postStripe(String body, String signatureHeader) {
        return post("/stripe", body, "Content-Type", "application/json", "Stripe-Signature", signatureHeader);
    }

    private static long now() {
        return Instant.now().getEpochSecond();
    }

    @Test
    void eventSignedTheStripeWayIsAcceptedAndPublishedByteForByte() throws Exception {
        Consumer reader = subscribe(topic);
        String body = "{\"id\":\"evt_1\",\"type\":\"payment_intent.succeeded\"}";
        long t = now();

        HttpResponse<String> response = postStripe(body, "t=" + t + ",v1=" + v1(SECRET, t, body));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(drain(reader, Duration.ofSeconds(2))).extracting(WebhookTestSupport::text).containsExactly(body);
    }

    @Test
    void anyOfSeveralV1SignaturesMayMatchAndOtherSchemesAreIgnored() throws Exception {
        String body = "{\"id\":\"evt_rotating\"}";
        long t = now();

        HttpResponse<String> response = postStripe(body, "t=" + t + ",v1=" + v1("whsec_old_secret", t, body)
                                                         + ",v1=" + v1(SECRET, t, body) + ",v0=" + "ab".repeat(32));

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void signatureMadeWithAnotherSecretIsRejected() throws Exception {
        String body = "{\"id\":\"evt_forged\"}";
        long t = now();

        HttpResponse<String> response = postStripe(body, "t=" + t + ",v1=" + v1("whsec_attacker", t, body));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("invalid signature");
    }

    @Test
    void timestampChangedAfterSigningIsRejected() throws Exception {
        String body = "{\"id\":\"evt_redated\"}";
        long signedAt = now() - 1;

        assertThat(postStripe(body, "t=" + now() + ",v1=" + v1(SECRET, signedAt, body)).statusCode())
                .isEqualTo(401);
    }

    @Test
    void correctlySignedEventOutsideTheToleranceIsRejected() throws Exception {
        String body = "{\"id\":\"evt_old\"}";
        long tenMinutesAgo = now() - 600;

        HttpResponse<String> response = postStripe(body, "t=" + tenMinutesAgo + ",v1=" + v1(SECRET, tenMinutesAgo,
                body));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("tolerance");
    }

    @Test
    void replayOfAnAcceptedEventIsRejected() throws Exception {
        String body = "{\"id\":\"evt_once\"}";
        long t = now();
        String header = "t=" + t + ",v1=" + v1(SECRET, t, body);
        assertThat(postStripe(body, header).statusCode()).isEqualTo(200);

        HttpResponse<String> replay = postStripe(body, header);

        assertThat(replay.statusCode()).isEqualTo(401);
        assertThat(replay.body()).contains("replayed");
    }

    @Test
    void headerWithoutTimestampOrWithoutV1SignatureIsRejectedNamingWhatIsMissing() throws Exception {
        String body = "{\"id\":\"evt_partial\"}";
        long t = now();

        HttpResponse<String> noTimestamp = postStripe(body, "v1=" + v1(SECRET, t, body));
        HttpResponse<String> noSignature = postStripe(body, "t=" + t + ",v0=" + v1(SECRET, t, body));
        HttpResponse<String> noHeader = post("/stripe", body, "Content-Type", "application/json");

        assertThat(noTimestamp.statusCode()).isEqualTo(401);
        assertThat(noTimestamp.body()).contains("no t= timestamp");
        assertThat(noSignature.statusCode()).isEqualTo(401);
        assertThat(noSignature.body()).contains("no v1= signature");
        assertThat(noHeader.statusCode()).isEqualTo(401);
        assertThat(noHeader.body()).contains("missing Stripe-Signature header");
    }
}
