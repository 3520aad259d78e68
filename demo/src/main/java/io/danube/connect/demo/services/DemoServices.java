package io.danube.connect.demo.services;

import java.nio.file.Path;
import java.time.Duration;

/** The MQTT broker and SQL database of one demo run: the local ones when they answer, else embedded stand-ins. */
public record DemoServices(MqttBroker mqtt, SqlDatabase sql) implements AutoCloseable {

    public static final String LOCAL_HOST = "127.0.0.1";
    public static final int MOSQUITTO_PORT = 1883;
    public static final int POSTGRES_PORT = 5432;
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    /**
     * Probes Mosquitto on 127.0.0.1:1883 and PostgreSQL on 127.0.0.1:5432 (unless {@code standIns}) and starts a
     * stand-in for each one that does not answer.
     */
    public static DemoServices choose(boolean standIns, boolean keepTable, String runId, Path workDirectory) {
        MqttBroker mqtt = !standIns && ServiceProbe.acceptsConnections(LOCAL_HOST, MOSQUITTO_PORT, PROBE_TIMEOUT)
                ? new LocalMosquitto(LOCAL_HOST, MOSQUITTO_PORT)
                : EmbeddedHiveMq.start(workDirectory);
        try {
            LocalPostgres postgres = new LocalPostgres(LOCAL_HOST, POSTGRES_PORT, keepTable);
            SqlDatabase sql = !standIns
                              && ServiceProbe.postgresAcceptsLogin(postgres.jdbcUrl(), postgres.user(), PROBE_TIMEOUT)
                    ? postgres
                    : EmbeddedH2.start("demo_" + runId);
            return new DemoServices(mqtt, sql);
        } catch (RuntimeException e) {
            mqtt.close();
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            sql.close();
        } finally {
            mqtt.close();
        }
    }
}
