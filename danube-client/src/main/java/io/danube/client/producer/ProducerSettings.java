package io.danube.client.producer;

import io.danube.client.schema.SchemaReference;

/** Settings shared by all partitions of one producer. {@code schema} may be {@code null}. */
record ProducerSettings(DispatchMode dispatchMode, SchemaReference schema, int maxInFlight) {
}
