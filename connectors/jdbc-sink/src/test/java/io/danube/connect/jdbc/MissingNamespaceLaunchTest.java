package io.danube.connect.jdbc;

import io.danube.connect.launcher.ConnectLauncher;
import io.danube.embedded.EmbeddedDanubeExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./danube-connect run} of a JDBC sink whose topics live in a namespace the broker does not have, in a child
 * JVM against the local PostgreSQL (127.0.0.1:5432, database test): the start fails before the table is created.
 */
class MissingNamespaceLaunchTest {

    private static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/test";

    @RegisterExtension
    static final EmbeddedDanubeExtension DANUBE = new EmbeddedDanubeExtension();

    @TempDir
    Path dir;

    private final String run = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private final String table = "missing_ns_" + run;
    private Process process;

    @AfterEach
    void cleanUp() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
        try (Connection connection = DriverManager.getConnection(PG_URL, "postgres", "")) {
            connection.createStatement().execute("DROP TABLE IF EXISTS " + table);
        }
    }

    @Test
    void aMissingNamespaceFailsTheStartInOneLineWithExitOneAndCreatesNoTable() throws Exception {
        Path config = dir.resolve("jdbc-sink.toml");
        Files.writeString(config, """
                danube_service_url = "%s"
                connector_name = "missing-ns-%s"
                connector_class = "%s"

                [processing]
                metrics_port = 0
                metrics_host = "127.0.0.1"

                [jdbc]
                url = "%s"
                user = "postgres"

                [[jdbc.routes]]
                from = "/plant%s/readings"
                to = "%s"
                auto_create = true

                [[jdbc.routes.columns]]
                field = "$.device"
                column = "device"
                type = "text"
                """.formatted(DANUBE.serviceUrl(), run, JdbcSinkConnector.class.getName(), PG_URL, run, table));
        Path log = dir.resolve("out.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                ConnectLauncher.class.getName(), "run", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("LOG_FORMAT", "text");
        builder.environment().remove("LOG_LEVEL");
        builder.environment().remove("METRICS_PORT");
        process = builder.start();

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exited").isTrue();
        assertThat(process.exitValue()).isEqualTo(1);
        String output = Files.readString(log);
        assertThat(output).doesNotContain("\tat ").doesNotContain("Exception:");
        List<String> errorLines = output.lines().filter(line -> line.contains("plant" + run)).toList();
        assertThat(errorLines).singleElement().asString()
                .contains("namespace 'plant" + run + "' does not exist")
                .contains("./danube-connect broker --namespace plant" + run);
        assertThat(tableExists()).as("table " + table + " exists").isFalse();
    }

    private boolean tableExists() throws Exception {
        try (Connection connection = DriverManager.getConnection(PG_URL, "postgres", "");
             PreparedStatement query = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            query.setString(1, "public." + table);
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getBoolean(1);
            }
        }
    }
}
