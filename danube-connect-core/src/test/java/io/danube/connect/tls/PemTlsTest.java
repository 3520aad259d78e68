package io.danube.connect.tls;

import io.danube.connect.config.ConfigException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PemTlsTest {

    @TempDir
    static Path dir;

    @BeforeAll
    static void certificate() throws Exception {
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout",
                "key.pem", "-out", "cert.pem", "-days", "2", "-subj", "/CN=pem-tls-test")
                .directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(openssl.getInputStream().readAllBytes());
        assertThat(openssl.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(openssl.exitValue()).as(output).isZero();
    }

    @Test
    void certificateAndKeyMakeAKeyStoreEntryWithTheChain() throws Exception {
        KeyStore store = PemTls.keyStore(new PemFile("server.cert", dir.resolve("cert.pem")),
                new PemFile("server.key", dir.resolve("key.pem")), "server", new char[0]);

        assertThat(store.isKeyEntry("server")).isTrue();
        assertThat(store.getCertificateChain("server")).hasSize(1);
    }

    @Test
    void aContextTrustsTheGivenCaAndPresentsTheCertificate() {
        assertThat(PemTls.context(new PemFile("x.ca_file", dir.resolve("cert.pem")),
                new PemFile("x.cert", dir.resolve("cert.pem")), new PemFile("x.key", dir.resolve("key.pem")))
                .getSocketFactory()).isNotNull();
    }

    @Test
    void aCaFileWithoutCertificatesFailsNamingItsKey() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.pem"), "");

        assertThatThrownBy(() -> PemTls.context(new PemFile("mqtt.ca_file", empty), null, null))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'mqtt.ca_file'");
    }

    @Test
    void aKeyThatIsNotPkcs8FailsNamingItsKey() throws Exception {
        Path rsa = Files.writeString(dir.resolve("rsa.pem"), "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n"
                                                              + "-----END RSA PRIVATE KEY-----\n");

        assertThatThrownBy(() -> PemTls.context(null, new PemFile("tls.cert", dir.resolve("cert.pem")),
                new PemFile("tls.key", rsa)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'tls.key'").hasMessageContaining("PKCS#8");
    }

    @Test
    void aCertificateWithoutItsKeyFailsNamingTheCertificate() {
        assertThatThrownBy(() -> PemTls.context(null, new PemFile("tls.cert", dir.resolve("cert.pem")), null))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'tls.cert'");
    }

    @Test
    void anUnreadableFileFailsNamingItsKey() {
        assertThatThrownBy(() -> PemTls.context(new PemFile("mqtt.ca_file", dir.resolve("missing.pem")), null, null))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'mqtt.ca_file'");
    }
}
