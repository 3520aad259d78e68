package io.danube.camel.client;

import io.danube.client.DanubeClient;

/**
 * A client handed to one producer or consumer, with the action that gives it back: releasing a shared client lets
 * the pool close it once nobody holds it, releasing a client bean does nothing.
 */
public record DanubeClientLease(DanubeClient client, Runnable release) {

    /** Gives the client back; call once, when the holder stops. */
    public void close() {
        release.run();
    }
}
