package io.danube.client.connection;

import io.danube.client.DanubeClient;
import io.danube.client.fake.FakeBroker;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** TLS, mTLS and bearer tokens over real Netty on 127.0.0.1, with a self-signed certificate made by keytool. */
class TlsLoopbackTest {

    @TempDir
    static Path dir;
    private static Path cert;
    private static Path key;

    private FakeBroker broker;

    @BeforeAll
    static void createCertificate() throws Exception {
        Path keystore = dir.resolve("server.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process process = new ProcessBuilder(keytool, "-genkeypair", "-alias", "broker", "-keyalg", "RSA",
                "-keysize", "2048", "-validity", "2", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", "secret", "-keypass", "secret")
                .redirectErrorStream(true).start();
        process.getInputStream().transferTo(OutputStream.nullOutputStream());
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();

        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, "secret".toCharArray());
        }
        Key privateKey = store.getKey("broker", "secret".toCharArray());
        cert = dir.resolve("cert.pem");
        key = dir.resolve("key.pem");
        Files.writeString(cert, pem("CERTIFICATE", store.getCertificate("broker").getEncoded()));
        Files.writeString(key, pem("PRIVATE KEY", privateKey.getEncoded()));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    @BeforeEach
    void start() throws Exception {
        broker = new FakeBroker();
        broker.discovery.answerNotFound();
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    @Test
    void httpsUrlWithCaFileConnectsOverTls() throws Exception {
        int port = broker.serveOnLoopback(builder -> builder.useTransportSecurity(cert.toFile(), key.toFile()));

        try (DanubeClient client = DanubeClient.builder().serviceUrl("https://localhost:" + port).tls(cert).build()) {
            client.newProducer().topic("/default/t").name("w").create().send("secure".getBytes());
        }

        assertThat(broker.producers.receivedPayloads()).containsExactly("secure");
    }

    @Test
    void tokenOnAnHttpUrlStillUsesTlsAndSendsTheBearerHeader() throws Exception {
        int port = broker.serveOnLoopback(builder -> builder.useTransportSecurity(cert.toFile(), key.toFile()));

        try (DanubeClient client = DanubeClient.builder().serviceUrl("http://localhost:" + port).tls(cert)
                .token("jwt-abc").build()) {
            client.newProducer().topic("/default/t").name("w").create().send("x".getBytes());
        }

        assertThat(broker.calls).isNotEmpty().allSatisfy(c -> assertThat(c.authorization()).isEqualTo("Bearer jwt-abc"));
    }

    @Test
    void mutualTlsPresentsTheClientCertificate() throws Exception {
        SslContext serverTls = GrpcSslContexts.forServer(cert.toFile(), key.toFile())
                .trustManager(cert.toFile()).clientAuth(ClientAuth.REQUIRE).build();
        int port = broker.serveOnLoopback(builder -> builder.sslContext(serverTls));

        try (DanubeClient client = DanubeClient.builder().serviceUrl("https://localhost:" + port)
                .mtls(cert, cert, key).build()) {
            client.newProducer().topic("/default/t").name("w").create().send("mutual".getBytes());
        }

        assertThat(broker.producers.receivedPayloads()).containsExactly("mutual");
    }
}
