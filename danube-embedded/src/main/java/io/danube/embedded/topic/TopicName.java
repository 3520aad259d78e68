package io.danube.embedded.topic;

import io.grpc.Status;

import java.util.regex.Pattern;

/**
 * A validated topic name: exactly three {@code /}-separated parts, each made of Unicode letters or digits, {@code _}
 * or {@code -} (empty parts allowed, like the real broker). The namespace is the middle part.
 */
public record TopicName(String full, String namespace) {

    private static final Pattern SEGMENT = Pattern.compile("[\\p{IsAlphabetic}\\p{IsDigit}_-]*");

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
                throw invalid(name, "only letters, digits, '_' and '-' are allowed in '" + part + "'");
            }
        }
        return new TopicName(name, parts[1]);
    }

    private static RuntimeException invalid(String name, String why) {
        return Status.INVALID_ARGUMENT.withDescription("Invalid topic name '" + name + "': " + why).asRuntimeException();
    }
}
