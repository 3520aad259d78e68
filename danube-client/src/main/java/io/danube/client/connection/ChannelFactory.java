package io.danube.client.connection;

import io.grpc.ManagedChannel;

/**
 * Opens the gRPC channel for one broker URL ({@code http://host:port} or {@code https://host:port}).
 * The client calls it once per distinct {@link BrokerAddress} and shares the channel among all producers,
 * consumers, lookups, health checks and schema calls for that address.
 */
@FunctionalInterface
public interface ChannelFactory {

    ManagedChannel open(String url);
}
