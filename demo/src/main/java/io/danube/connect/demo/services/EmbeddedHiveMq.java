package io.danube.connect.demo.services;

import com.hivemq.embedded.EmbeddedHiveMQ;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Stand-in for Mosquitto: HiveMQ Community Edition in this JVM, MQTT 3.1.1 and 5, on a free loopback port. */
public final class EmbeddedHiveMq implements MqttBroker {

    private static final String HOST = "127.0.0.1";

    private final EmbeddedHiveMQ hiveMq;
    private final int port;

    private EmbeddedHiveMq(EmbeddedHiveMQ hiveMq, int port) {
        this.hiveMq = hiveMq;
        this.port = port;
    }

    /** Starts a memory-only broker with its folders under {@code workDirectory}. */
    public static EmbeddedHiveMq start(Path workDirectory) {
        int port = FreePorts.pick();
        try {
            Path config = Files.createDirectories(workDirectory.resolve("hivemq/conf"));
            Files.writeString(config.resolve("config.xml"), """
                    <?xml version="1.0"?>
                    <hivemq>
                        <listeners>
                            <tcp-listener>
                                <port>%d</port>
                                <bind-address>%s</bind-address>
                            </tcp-listener>
                        </listeners>
                        <persistence>
                            <mode>in-memory</mode>
                        </persistence>
                        <anonymous-usage-statistics>
                            <enabled>false</enabled>
                        </anonymous-usage-statistics>
                    </hivemq>
                    """.formatted(port, HOST));
            EmbeddedHiveMQ hiveMq = EmbeddedHiveMQ.builder()
                    .withConfigurationFolder(config)
                    .withDataFolder(Files.createDirectories(workDirectory.resolve("hivemq/data")))
                    .withExtensionsFolder(Files.createDirectories(workDirectory.resolve("hivemq/extensions")))
                    .withoutLoggingBootstrap()
                    .build();
            hiveMq.start().get(60, TimeUnit.SECONDS);
            return new EmbeddedHiveMq(hiveMq, port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the embedded MQTT broker's folders in " + workDirectory, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("embedded MQTT broker (HiveMQ CE) did not start on " + HOST + ":" + port
                                            + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the embedded MQTT broker", e);
        }
    }

    @Override
    public String host() {
        return HOST;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public String description() {
        return "embedded HiveMQ CE stand-in at " + url();
    }

    @Override
    public void close() {
        try {
            hiveMq.stop().get(30, TimeUnit.SECONDS);
            hiveMq.close();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("embedded MQTT broker did not stop: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
