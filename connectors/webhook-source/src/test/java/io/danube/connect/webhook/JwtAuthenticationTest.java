package io.danube.connect.webhook;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JwtAuthenticationTest extends WebhookTestSupport {

    private static final String SECRET = "jwt-hs256-secret-at-least-32-bytes!";
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    @TempDir
    Path dir;

    private void startHs256() {
        start(serverToml("") + """
                [auth]
                type = "jwt"
                algorithm = "HS256"
                secret_env = "TEST_JWT_SECRET"
                clock_skew_secs = 5

                [[routes]]
                from = "/hook"
                to = "%s"
                """.formatted(uniqueTopic("jwt-hs")), Map.of("TEST_JWT_SECRET", SECRET));
    }

    private KeyPair startRs256() throws Exception {
        KeyPair pair = rsaKeyPair();
        Path publicKey = dir.resolve("public.pem");
        Files.writeString(publicKey, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(pair.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
        start(serverToml("") + """
                [auth]
                type = "jwt"
                algorithm = "RS256"
                public_key_path = "%s"

                [[routes]]
                from = "/hook"
                to = "%s"
                """.formatted(publicKey, uniqueTopic("jwt-rs")), Map.of());
        return pair;
    }

    private static KeyPair rsaKeyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static String claims(long expiresIn) {
        return "{\"sub\":\"shop\",\"exp\":" + (Instant.now().getEpochSecond() + expiresIn) + "}";
    }

    private static String encode(String json) {
        return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    static String hs256(byte[] key, String claims) throws Exception {
        String signed = encode("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + encode(claims);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return signed + "." + BASE64URL.encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.US_ASCII)));
    }

    private static String rs256(PrivateKey key, String claims) throws Exception {
        String signed = encode("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + "." + encode(claims);
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(key);
        signer.update(signed.getBytes(StandardCharsets.US_ASCII));
        return signed + "." + BASE64URL.encodeToString(signer.sign());
    }

    private HttpResponse<String> postWith(String token) {
        return post("/hook", "{\"event\":\"paid\"}", "Authorization", "Bearer " + token);
    }

    @Test
    void hs256TokenWithTheSharedSecretIsAccepted() throws Exception {
        startHs256();

        assertThat(postWith(hs256(SECRET.getBytes(StandardCharsets.UTF_8), claims(60))).statusCode()).isEqualTo(200);
    }

    @Test
    void expiredHs256TokenIsRejected() throws Exception {
        startHs256();

        HttpResponse<String> response = postWith(hs256(SECRET.getBytes(StandardCharsets.UTF_8), claims(-60)));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("expired");
    }

    @Test
    void hs256TokenSignedWithAnotherSecretIsRejected() throws Exception {
        startHs256();

        HttpResponse<String> response = postWith(hs256("some-other-secret".getBytes(StandardCharsets.UTF_8),
                claims(60)));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("invalid token signature");
    }

    @Test
    void tokenNotValidBeforeItsNbfIsRejected() throws Exception {
        startHs256();
        long now = Instant.now().getEpochSecond();

        HttpResponse<String> response = postWith(hs256(SECRET.getBytes(StandardCharsets.UTF_8),
                "{\"exp\":" + (now + 600) + ",\"nbf\":" + (now + 300) + "}"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("nbf");
    }

    @Test
    void unsignedAlgNoneTokenIsRejected() throws Exception {
        startHs256();
        String unsigned = encode("{\"alg\":\"none\"}") + "." + encode(claims(60)) + ".";

        assertThat(postWith(unsigned).statusCode()).isEqualTo(401);
        assertThat(postWith(unsigned + "x").statusCode()).isEqualTo(401);
    }

    @Test
    void missingBearerTokenIsRejected() {
        startHs256();

        assertThat(post("/hook", "{}").statusCode()).isEqualTo(401);
    }

    @Test
    void rs256TokenSignedWithTheMatchingPrivateKeyIsAccepted() throws Exception {
        KeyPair pair = startRs256();

        assertThat(postWith(rs256(pair.getPrivate(), claims(60))).statusCode()).isEqualTo(200);
    }

    @Test
    void expiredRs256TokenIsRejected() throws Exception {
        KeyPair pair = startRs256();

        HttpResponse<String> response = postWith(rs256(pair.getPrivate(), claims(-60)));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("expired");
    }

    @Test
    void rs256TokenSignedWithAnotherKeyIsRejected() throws Exception {
        startRs256();

        HttpResponse<String> response = postWith(rs256(rsaKeyPair().getPrivate(), claims(60)));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("invalid token signature");
    }

    @Test
    void hs256TokenKeyedWithTheRsaPublicKeyIsRejectedByAnRs256Server() throws Exception {
        KeyPair pair = startRs256();

        HttpResponse<String> response = postWith(hs256(pair.getPublic().getEncoded(), claims(60)));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("algorithm must be RS256");
    }
}
