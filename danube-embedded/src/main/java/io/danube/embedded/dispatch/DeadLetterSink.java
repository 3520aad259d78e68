package io.danube.embedded.dispatch;

/** Republishes poisoned messages; implemented by the topic registry. */
@FunctionalInterface
public interface DeadLetterSink {
    void publish(DeadLetter letter);
}
