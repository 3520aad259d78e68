package io.danube.connect.demo.services;

/** The MQTT broker the sample readings are published to and the MQTT source subscribes to. */
public interface MqttBroker extends AutoCloseable {

    String host();

    int port();

    /** One line for the console, e.g. "local Mosquitto at tcp://127.0.0.1:1883". */
    String description();

    default String url() {
        return "tcp://" + host() + ":" + port();
    }

    /** Stops the broker if the demo started it; a local broker is left running. */
    @Override
    void close();
}
