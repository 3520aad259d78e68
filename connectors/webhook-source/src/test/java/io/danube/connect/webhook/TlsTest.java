package io.danube.connect.webhook;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TlsTest extends WebhookTestSupport {

    private static final String PASSWORD = "changeit";

    @TempDir
    Path dir;

    private Path keystore;

    @BeforeEach
    void createSelfSignedCertificate() throws Exception {
        keystore = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "webhook", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true).start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes())).isZero();
    }

    private KeyStore loadKeystore() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }

    private HttpClient trustingClient() throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(loadKeystore());
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, trust.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(ssl).build();
    }

    private HttpResponse<String> postOverTls(HttpClient client) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + connector.port() + "/secure"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"over\":\"tls\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String routes() {
        return """
                [auth]
                type = "none"
                [[routes]]
                from = "/secure"
                to = "%s"
                """.formatted(uniqueTopic("tls"));
    }

    @Test
    void pkcs12KeystoreServesHttpsAndPlainHttpIsNotAnswered() throws Exception {
        start(serverToml("""
                [server.tls]
                keystore_path = "%s"
                keystore_type = "PKCS12"
                keystore_password_env = "TEST_KEYSTORE_PASSWORD"
                """.formatted(keystore)) + routes(), Map.of("TEST_KEYSTORE_PASSWORD", PASSWORD));

        assertThat(postOverTls(trustingClient()).statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(uri("/secure")).timeout(Duration.ofSeconds(2))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(java.io.IOException.class);
    }

    @Test
    void pemCertificateAndKeyServeHttps() throws Exception {
        KeyStore store = loadKeystore();
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        Files.writeString(cert, pem("CERTIFICATE", store.getCertificate("webhook").getEncoded()));
        Files.writeString(key, pem("PRIVATE KEY", ((PrivateKey) store.getKey("webhook", PASSWORD.toCharArray()))
                .getEncoded()));
        start(serverToml("""
                [server.tls]
                cert_path = "%s"
                key_path = "%s"
                """.formatted(cert, key)) + routes(), Map.of());

        assertThat(postOverTls(trustingClient()).statusCode()).isEqualTo(200);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
               + "\n-----END " + type + "-----\n";
    }
}
