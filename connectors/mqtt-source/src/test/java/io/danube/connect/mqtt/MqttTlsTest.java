package io.danube.connect.mqtt;

import io.danube.client.consumer.Consumer;
import io.danube.connect.observability.ComponentHealth;
import io.danube.connect.observability.HealthStatus;
import io.danube.connect.runtime.source.SourceRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code ssl://} connections to a Mosquitto TLS listener whose certificate is signed by a CA made for the test. */
class MqttTlsTest extends MqttTestSupport {

    @TempDir
    static Path certs;
    @TempDir
    Path dir;
    private static MosquittoBroker mosquitto;
    private static int plainPort;

    @BeforeAll
    static void startTlsMosquitto() throws Exception {
        openssl(List.of("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt",
                "-days", "2", "-subj", "/CN=danube-connect-test-ca"));
        openssl(List.of("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr",
                "-subj", "/CN=127.0.0.1"));
        Files.writeString(certs.resolve("san.cnf"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
        openssl(List.of("x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", "server.crt", "-days", "2", "-extfile", "san.cnf"));
        plainPort = MosquittoBroker.freePort();
        mosquitto = MosquittoBroker.tls(Files.createDirectory(certs.resolve("broker")), certs.resolve("ca.crt"),
                certs.resolve("server.crt"), certs.resolve("server.key"), plainPort);
    }

    @AfterAll
    static void stopMosquitto() {
        mosquitto.close();
    }

    private static void openssl(List<String> arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).directory(certs.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("openssl %s: %s", arguments, output).isZero();
    }

    private SourceRuntime connector(String name, String topic, String tlsKeys) throws Exception {
        return startConnector(load(dir, coreToml(name) + """
                [mqtt]
                url = "ssl://127.0.0.1:%d"
                client_id = "%s"
                %s
                [[mqtt.routes]]
                from = "%s/#"
                to = "%s"
                """.formatted(mosquitto.port(), name, tlsKeys, name, topic)));
    }

    private static ComponentHealth mqtt(SourceRuntime runtime) {
        return runtime.health().snapshot().components().get("mqtt");
    }

    @Test
    void connectsOverTlsTrustingTheConfiguredCaAndForwardsMessages() throws Exception {
        String name = unique("tls");
        String topic = "/default/" + name;
        SourceRuntime runtime = connector(name, topic, "ca_file = \"" + certs.resolve("ca.crt") + "\"");
        await("TLS connection").atMost(Duration.ofSeconds(20)).until(() -> mqtt(runtime) != null
                && mqtt(runtime).status() == HealthStatus.HEALTHY);
        Consumer reader = subscribe(topic);

        publish(publisher("tcp://127.0.0.1:" + plainPort), name + "/secure", "over-tls", 1);

        assertThat(drain(reader, Duration.ofSeconds(3))).extracting(MqttTestSupport::text)
                .containsExactly("over-tls");
    }

    @Test
    void refusesABrokerCertificateTheTrustStoreDoesNotVouchFor() throws Exception {
        String name = unique("tls-untrusted");
        SourceRuntime runtime = connector(name, "/default/" + name, "use_tls = true");

        await("stays disconnected").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                .until(() -> mqtt(runtime) != null && mqtt(runtime).status() == HealthStatus.DEGRADED);
        assertThat(mqtt(runtime).detail()).contains("disconnected from ssl://127.0.0.1:" + mosquitto.port());
        assertThat(runtime.health().snapshot().status()).isNotEqualTo(HealthStatus.HEALTHY);
    }
}
