package io.danube.camel.consumer;

import org.apache.camel.Exchange;
import org.apache.camel.spi.Synchronization;

import java.util.function.BiConsumer;

/**
 * Settles a consumed message when its exchange completes: acknowledges on success unless acknowledgement is manual,
 * negatively acknowledges on failure unless the receipt was already used.
 */
final class SettleOnCompletion implements Synchronization {

    private final DanubeMessageReceipt receipt;
    private final boolean manualAcknowledgement;
    private final BiConsumer<String, Throwable> settleFailureHandler;
    private final Runnable finished;

    SettleOnCompletion(DanubeMessageReceipt receipt, boolean manualAcknowledgement,
                       BiConsumer<String, Throwable> settleFailureHandler, Runnable finished) {
        this.receipt = receipt;
        this.manualAcknowledgement = manualAcknowledgement;
        this.settleFailureHandler = settleFailureHandler;
        this.finished = finished;
    }

    @Override
    public void onComplete(Exchange exchange) {
        try {
            if (!manualAcknowledgement) {
                receipt.acknowledge().whenComplete((ok, error) -> report("acknowledge", error));
            }
        } finally {
            finished.run();
        }
    }

    @Override
    public void onFailure(Exchange exchange) {
        try {
            receipt.negativeAcknowledge().whenComplete((ok, error) -> report("negatively acknowledge", error));
        } finally {
            finished.run();
        }
    }

    private void report(String action, Throwable error) {
        if (error != null) {
            settleFailureHandler.accept("Failed to " + action + " Danube message " + receipt.messageId(), error);
        }
    }
}
