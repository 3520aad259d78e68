package io.danube.embedded.dispatch;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Immutable consistent hash ring with 100 virtual nodes per consumer (node key {@code "<consumer id>-<i>"}), hashing
 * with FNV-1a-64 folded to 32 bits and finished with murmur3's fmix32, as the real broker does.
 */
final class HashRing {

    static final int VIRTUAL_NODES = 100;
    static final HashRing EMPTY = new HashRing(new TreeMap<>());

    private final TreeMap<Long, Consumer> nodes;

    private HashRing(TreeMap<Long, Consumer> nodes) {
        this.nodes = nodes;
    }

    static HashRing of(Collection<Consumer> members) {
        TreeMap<Long, Consumer> nodes = new TreeMap<>();
        for (Consumer member : members) {
            for (int i = 0; i < VIRTUAL_NODES; i++) {
                nodes.put(hash(Long.toUnsignedString(member.id()) + "-" + i), member);
            }
        }
        return new HashRing(nodes);
    }

    boolean isEmpty() {
        return nodes.isEmpty();
    }

    /** The owner of {@code key} among the members accepted by {@code eligible}, or null if none is. */
    Consumer route(String key, Predicate<Consumer> eligible) {
        if (nodes.isEmpty()) {
            return null;
        }
        long start = hash(key);
        for (Map.Entry<Long, Consumer> e : nodes.tailMap(start, true).entrySet()) {
            if (eligible.test(e.getValue())) {
                return e.getValue();
            }
        }
        for (Map.Entry<Long, Consumer> e : nodes.headMap(start, false).entrySet()) {
            if (eligible.test(e.getValue())) {
                return e.getValue();
            }
        }
        return null;
    }

    static long hash(String text) {
        long h = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            h ^= (b & 0xff);
            h *= 0x100000001b3L;
        }
        int folded = (int) (h ^ (h >>> 32));
        folded ^= folded >>> 16;
        folded *= 0x85ebca6b;
        folded ^= folded >>> 13;
        folded *= 0xc2b2ae35;
        folded ^= folded >>> 16;
        return Integer.toUnsignedLong(folded);
    }
}
