package io.danube.connect.demo.services;

/** The Mosquitto already running on this machine; the demo only uses it. */
public record LocalMosquitto(String host, int port) implements MqttBroker {

    @Override
    public String description() {
        return "local Mosquitto at " + url();
    }

    @Override
    public void close() {
    }
}
