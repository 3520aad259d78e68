package io.danube.embedded.topic;

import io.grpc.Status;

import java.util.regex.Pattern;

/**
 * A validated topic name: exactly three {@code /}-separated parts, each made of {@code _}, {@code -} and the
 * characters Rust's {@code char::is_alphanumeric} accepts, which the real broker uses: Unicode alphabetic characters
 * and every number category (decimal digits, letter numbers such as {@code Ⅻ}, other numbers such as {@code ²}).
 * Empty parts are allowed, like the real broker. The namespace is the middle part.
 */
public record TopicName(String full, String namespace) {

    private static final Pattern SEGMENT = Pattern.compile("[\\p{IsAlphabetic}\\p{N}_-]*");

    /**
     * @throws io.grpc.StatusRuntimeException INVALID_ARGUMENT naming the offending topic
     */
    public static TopicName parse(String name) {
        String[] parts = name.split("/", -1);
        if (parts.length != 3) {
            throw invalid(name, "expected the form /namespace/topic");
        }
        for (String part : parts) {
            if (!SEGMENT.matcher(part).matches()) {
                throw invalid(name, "only letters, numbers, '_' and '-' are allowed in '" + part + "'");
            }
        }
        return new TopicName(name, parts[1]);
    }

    private static RuntimeException invalid(String name, String why) {
        return Status.INVALID_ARGUMENT.withDescription("Invalid topic name '" + name + "': " + why).asRuntimeException();
    }
}
