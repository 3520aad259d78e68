package io.danube.embedded;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.file.Path;

/**
 * JUnit 5 extension running an {@link EmbeddedDanube} for a test class:
 *
 * <pre>{@code
 * @RegisterExtension
 * static EmbeddedDanubeExtension danube = new EmbeddedDanubeExtension();
 *
 * @Test void test() { connect(danube.serviceUrl()); }
 * }</pre>
 *
 * Registered on a static field the broker lives from before all tests to after all tests; on an instance field it
 * is started and stopped around each test.
 */
public final class EmbeddedDanubeExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback {

    private final BrokerConfig config;
    private final Path dataDirectory;
    private EmbeddedDanube broker;
    private boolean startedForClass;

    /** Memory-only broker with the real broker's defaults. */
    public EmbeddedDanubeExtension() {
        this(BrokerConfig.defaults(), null);
    }

    /** Memory-only broker with {@code config}. */
    public EmbeddedDanubeExtension(BrokerConfig config) {
        this(config, null);
    }

    /** Broker with {@code config}, durable in {@code dataDirectory} (null for memory only). */
    public EmbeddedDanubeExtension(BrokerConfig config, Path dataDirectory) {
        this.config = config;
        this.dataDirectory = dataDirectory;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        broker = startBroker();
        startedForClass = true;
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stopBroker();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (broker == null) {
            broker = startBroker();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!startedForClass) {
            stopBroker();
        }
    }

    /** The running broker's URL, e.g. {@code http://127.0.0.1:43117}. */
    public String serviceUrl() {
        return running().serviceUrl();
    }

    public int port() {
        return running().port();
    }

    /** The running broker. */
    public EmbeddedDanube broker() {
        return running();
    }

    private EmbeddedDanube running() {
        if (broker == null) {
            throw new IllegalStateException("The embedded Danube broker is not running: register the extension with "
                    + "@RegisterExtension and use it from within a test");
        }
        return broker;
    }

    private EmbeddedDanube startBroker() {
        return EmbeddedDanube.builder().config(config).dataDirectory(dataDirectory).start();
    }

    private void stopBroker() {
        if (broker != null) {
            broker.stop();
            broker = null;
        }
    }
}
