package io.danube.connect.delta.write;

/**
 * The {@code txn} action a commit carries: which writer wrote up to where.
 *
 * @param appId   {@code <connector>/<subscription>@<partition topic>}
 * @param version the highest Danube offset of that partition the commit holds
 */
public record TransactionId(String appId, long version) {
}
