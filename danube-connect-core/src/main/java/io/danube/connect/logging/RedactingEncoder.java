package io.danube.connect.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;

import java.nio.charset.StandardCharsets;

/**
 * Wraps the encoder of the connector's log output and passes each encoded line through {@link Redaction}, so a
 * credential inside a URL never reaches the log, whoever logged it (our code, Camel, a driver, a stack trace).
 * Logback has no hook that rewrites an event's formatted message and its throwable for every encoder, hence the
 * wrapper around the encoded bytes.
 */
final class RedactingEncoder extends EncoderBase<ILoggingEvent> {

    private final Encoder<ILoggingEvent> delegate;

    RedactingEncoder(Encoder<ILoggingEvent> delegate) {
        this.delegate = delegate;
    }

    @Override
    public byte[] headerBytes() {
        return delegate.headerBytes();
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        byte[] encoded = delegate.encode(event);
        String line = new String(encoded, StandardCharsets.UTF_8);
        String redacted = Redaction.redact(line);
        return redacted.equals(line) ? encoded : redacted.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] footerBytes() {
        return delegate.footerBytes();
    }
}
