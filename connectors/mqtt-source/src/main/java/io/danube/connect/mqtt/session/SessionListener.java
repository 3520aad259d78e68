package io.danube.connect.mqtt.session;

/** Connection events of a {@link SessionClient}. */
interface SessionListener {

    void disconnected(String reason);

    void error(String problem);
}
