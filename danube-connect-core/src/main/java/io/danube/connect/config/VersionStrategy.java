package io.danube.connect.config;

/**
 * Which registered version of a subject a source producer stamps on its messages: {@code "latest"},
 * {@code {pinned = N}} or {@code {minimum = N}} in TOML.
 *
 * @param kind    latest, pinned or minimum
 * @param version the version for pinned and minimum; 0 for latest
 */
public record VersionStrategy(Kind kind, int version) {

    public static final VersionStrategy LATEST = new VersionStrategy(Kind.LATEST, 0);

    public enum Kind { LATEST, PINNED, MINIMUM }
}
