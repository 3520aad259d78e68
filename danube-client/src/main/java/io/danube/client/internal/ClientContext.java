package io.danube.client.internal;

import io.danube.client.connection.BrokerAddress;
import io.danube.client.connection.BrokerConnection;
import io.danube.client.connection.ConnectionPool;
import io.danube.client.lookup.LookupService;
import io.danube.client.retry.BlockingRetry;
import io.danube.client.retry.RetryPolicy;
import io.danube.client.schema.SchemaRegistryClient;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Everything producers and consumers share within one client. Internal API: not meant for applications.
 *
 * @param scheduler       timers (retry backoff, health checks); tasks must not block
 * @param worker          blocking work such as re-lookup and re-create after a failure
 * @param maxMessageBytes largest encoded message accepted for sending
 */
public record ClientContext(ConnectionPool pool, LookupService lookup, SchemaRegistryClient schemaRegistry,
                           RetryPolicy retryPolicy, ScheduledExecutorService scheduler, ExecutorService worker,
                           int maxMessageBytes, Duration healthCheckInterval, Duration closeTimeout) {

    public BrokerAddress serviceAddress() {
        return lookup.serviceAddress();
    }

    public BrokerConnection connection(BrokerAddress address) {
        return pool.connection(address);
    }

    public BlockingRetry blockingRetry() {
        return new BlockingRetry(retryPolicy);
    }
}
