package io.danube.connect.logging;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RedactionTest {

    @Test
    void thePasswordOfUserInfoIsMaskedAndTheUserKept() {
        assertThat(Redaction.redact("connecting to postgresql://app:s3cr3t@db.local:5432/orders"))
                .isEqualTo("connecting to postgresql://app:***@db.local:5432/orders");
    }

    @Test
    void jdbcQueryAndSemicolonPasswordParametersAreMasked() {
        assertThat(Redaction.redact("jdbc:postgresql://127.0.0.1/test?user=app&password=hunter2&ssl=true"))
                .isEqualTo("jdbc:postgresql://127.0.0.1/test?user=app&password=***&ssl=true");
        assertThat(Redaction.redact("jdbc:h2:tcp://host/db;USER=sa;PASSWORD=top;MODE=PostgreSQL"))
                .isEqualTo("jdbc:h2:tcp://host/db;USER=sa;PASSWORD=***;MODE=PostgreSQL");
        assertThat(Redaction.redact("url 'https://api.example/x?token=abc.def' refused"))
                .isEqualTo("url 'https://api.example/x?token=***' refused");
    }

    @Test
    void textWithoutCredentialsIsUnchanged() {
        String text = "jdbc:mariadb://127.0.0.1:3306/test?user=root and mail to ops@example.com, x=1";
        assertThat(Redaction.redact(text)).isSameAs(text);
        assertThat(Redaction.redact(null)).isNull();
    }

    @Test
    void parameterNamesThatOnlyEndLikeASecretAreLeftAlone() {
        String text = "jdbc:postgresql://h/db?passwordless=true&mytoken=1";
        assertThat(Redaction.redact(text)).isEqualTo(text);
    }
}
