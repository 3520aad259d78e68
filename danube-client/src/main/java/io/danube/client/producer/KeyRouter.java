package io.danube.client.producer;

import java.nio.charset.StandardCharsets;

/** Partition selection for keyed sends: FNV-1a 64-bit over the key's UTF-8 bytes, unsigned modulo. */
public final class KeyRouter {

    private static final long OFFSET_BASIS = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;

    private KeyRouter() {
    }

    public static long fnv1a64(String key) {
        long hash = OFFSET_BASIS;
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= PRIME;
        }
        return hash;
    }

    /** Partition index in {@code [0, partitions)} for {@code key}; identical to the Danube Rust client. */
    public static int partitionFor(String key, int partitions) {
        return (int) Long.remainderUnsigned(fnv1a64(key), partitions);
    }
}
