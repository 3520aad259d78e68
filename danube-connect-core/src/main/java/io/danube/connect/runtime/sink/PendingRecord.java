package io.danube.connect.runtime.sink;

import io.danube.camel.consumer.DanubeMessageReceipt;
import io.danube.connect.api.ConsumerConfig;
import io.danube.connect.api.SinkRecord;

/** A consumed record waiting in the batcher, with the receipt that settles its message and where it came from. */
record PendingRecord(SinkRecord record, DanubeMessageReceipt receipt, ConsumerConfig source) {
}
