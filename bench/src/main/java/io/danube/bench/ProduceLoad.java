package io.danube.bench;

import java.util.Set;

/**
 * The load of the produce scenarios: the same options and defaults everywhere, so their figures can be compared.
 */
public record ProduceLoad(int messages, int size, int partitions, int window, int warmup, int rounds) {

    public static final Set<String> OPTIONS = Set.of("messages", "size", "partitions", "window", "warmup", "rounds");

    public static ProduceLoad from(BenchOptions options) {
        return new ProduceLoad(
                options.intValue("messages", 100_000),
                options.intValue("size", 1024),
                options.intValue("partitions", 4),
                options.intValue("window", 16),
                options.intValue("warmup", 30_000),
                options.intValue("rounds", 3));
    }
}
