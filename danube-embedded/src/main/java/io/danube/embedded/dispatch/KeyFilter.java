package io.danube.embedded.dispatch;

import java.nio.charset.StandardCharsets;

/**
 * A KeyShared key filter: a case-sensitive whole-string glob matched over the UTF-8 bytes of the key, like the real
 * broker's matcher. {@code *} matches any run of bytes and {@code ?} exactly one byte, so {@code eu-?} does not match
 * {@code eu-ü} (two bytes) but {@code eu-??} does. Every other character, {@code [} and {@code ]} included, matches
 * itself.
 */
public final class KeyFilter {

    private final String glob;
    private final byte[] pattern;

    public KeyFilter(String glob) {
        this.glob = glob;
        this.pattern = glob.getBytes(StandardCharsets.UTF_8);
    }

    public boolean matches(String key) {
        return matches(key.getBytes(StandardCharsets.UTF_8));
    }

    /** Matches the UTF-8 bytes of a key. */
    public boolean matches(byte[] key) {
        int k = 0;
        int p = 0;
        int starAt = -1;
        int starKey = 0;
        while (k < key.length) {
            if (p < pattern.length && (pattern[p] == '?' || pattern[p] == key[k])) {
                p++;
                k++;
            } else if (p < pattern.length && pattern[p] == '*') {
                starAt = p++;
                starKey = k;
            } else if (starAt >= 0) {
                p = starAt + 1;
                k = ++starKey;
            } else {
                return false;
            }
        }
        while (p < pattern.length && pattern[p] == '*') {
            p++;
        }
        return p == pattern.length;
    }

    @Override
    public String toString() {
        return "KeyFilter[" + glob + "]";
    }
}
