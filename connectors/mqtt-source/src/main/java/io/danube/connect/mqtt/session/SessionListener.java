package io.danube.connect.mqtt.session;

/** Connection events of a {@link SessionClient}. */
interface SessionListener {

    void connected(boolean reconnect);

    void disconnected(String reason);

    void error(String problem);
}
