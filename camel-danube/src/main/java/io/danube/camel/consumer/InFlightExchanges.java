package io.danube.camel.consumer;

/** Counts a consumer's exchanges that have not completed yet, so that stopping can wait for them. */
final class InFlightExchanges {

    private int count;

    synchronized void started() {
        count++;
    }

    synchronized void finished() {
        count--;
        if (count == 0) {
            notifyAll();
        }
    }

    synchronized int count() {
        return count;
    }

    /**
     * Waits until no exchange is in flight or {@code timeoutMillis} passed.
     *
     * @return whether every exchange finished in time
     */
    synchronized boolean awaitNone(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (count > 0) {
            long remainingMillis = (deadline - System.nanoTime()) / 1_000_000;
            if (remainingMillis <= 0) {
                return false;
            }
            wait(remainingMillis);
        }
        return true;
    }
}
