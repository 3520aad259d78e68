package io.danube.connect.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import net.logstash.logback.encoder.LogstashEncoder;
import org.slf4j.LoggerFactory;

import java.io.OutputStream;
import java.util.Locale;
import java.util.Map;

/**
 * Configures logging for a connector process: one JSON object per line by default when the output is not a terminal
 * (containers, log shippers), human-readable text on a terminal; {@code LOG_FORMAT=json|text} forces a format and
 * {@code LOG_LEVEL} sets the root level (else {@code [processing] log_level}, else info).
 *
 * <p>JSON fields: {@code @timestamp}, {@code level}, {@code logger}, {@code thread}, {@code message}, the MDC entries
 * ({@code connector}, {@code topic}, and Camel's {@code camel.exchangeId} / {@code camel.routeId} while an exchange
 * is routed) and {@code stack_trace} for errors. Credentials inside URLs are masked in every line ({@link Redaction}).
 */
public final class LogSetup {

    /** How log events are written. */
    public enum Format { JSON, TEXT }

    private LogSetup() {
    }

    /** {@code LOG_FORMAT} if set, else text on a terminal and JSON otherwise. */
    public static Format chooseFormat(Map<String, String> environment, boolean terminal) {
        String forced = environment.get("LOG_FORMAT");
        if (forced != null && !forced.isBlank()) {
            return switch (forced.trim().toLowerCase(Locale.ROOT)) {
                case "json" -> Format.JSON;
                case "text", "plain" -> Format.TEXT;
                default -> throw new IllegalArgumentException("LOG_FORMAT must be json or text, got '" + forced + "'");
            };
        }
        return terminal ? Format.TEXT : Format.JSON;
    }

    /** {@code LOG_LEVEL} if set, else {@code configured}. */
    public static Level chooseLevel(Map<String, String> environment, String configured) {
        String level = environment.getOrDefault("LOG_LEVEL", "");
        return Level.toLevel(level.isBlank() ? configured : level.trim(), Level.INFO);
    }

    /** Replaces the logging configuration: every event at {@code level} or above goes to {@code out}. */
    public static void install(Format format, Level level, OutputStream out) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        Encoder<ILoggingEvent> encoder = new RedactingEncoder(format == Format.JSON ? jsonEncoder(context)
                : textEncoder(context));
        encoder.setContext(context);
        encoder.start();
        OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setContext(context);
        appender.setName("connector");
        appender.setEncoder(encoder);
        appender.setOutputStream(out);
        appender.setImmediateFlush(true);
        appender.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(level);
        root.addAppender(appender);
    }

    /** Changes the root level only. */
    public static void setLevel(Level level) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(level);
    }

    private static Encoder<ILoggingEvent> jsonEncoder(LoggerContext context) {
        LogstashEncoder encoder = new LogstashEncoder();
        encoder.setContext(context);
        encoder.getFieldNames().setLogger("logger");
        encoder.getFieldNames().setThread("thread");
        encoder.getFieldNames().setVersion("[ignore]");
        encoder.getFieldNames().setLevelValue("[ignore]");
        encoder.start();
        return encoder;
    }

    private static Encoder<ILoggingEvent> textEncoder(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{HH:mm:ss.SSS} %-5level [%X{connector}] %logger{30} - %msg%n");
        encoder.start();
        return encoder;
    }
}
