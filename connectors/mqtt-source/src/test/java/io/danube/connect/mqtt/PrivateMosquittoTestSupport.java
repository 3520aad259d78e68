package io.danube.connect.mqtt;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** Base of the test classes that share one private Mosquitto, started for the class on a free loopback port. */
abstract class PrivateMosquittoTestSupport extends MqttTestSupport {

    @TempDir
    static Path brokerDir;
    static MosquittoBroker mosquitto;

    @BeforeAll
    static void startMosquitto() throws Exception {
        mosquitto = MosquittoBroker.plain(brokerDir);
    }

    @AfterAll
    static void stopMosquitto() {
        mosquitto.close();
    }
}
