package io.danube.connect.webhook.readiness;

/** Whether Danube can take messages right now. */
@FunctionalInterface
public interface Readiness {

    boolean danubeReachable();
}
