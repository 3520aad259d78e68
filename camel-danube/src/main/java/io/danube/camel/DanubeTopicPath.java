package io.danube.camel;

import java.util.regex.Pattern;

/**
 * The {@code /namespace/topic} path of a {@code danube:} URI. Leading slashes are optional, so {@code danube:/ns/t},
 * {@code danube:///ns/t} and {@code danube:ns/t} name the same topic.
 */
public record DanubeTopicPath(String namespace, String topic) {

    private static final Pattern SEGMENT = Pattern.compile("[\\p{Alnum}_-]+", Pattern.UNICODE_CHARACTER_CLASS);

    public DanubeTopicPath {
        requireSegment(namespace, "namespace", namespace + "/" + topic);
        requireSegment(topic, "topic", namespace + "/" + topic);
    }

    /** Parses the part of the URI after {@code danube:}. */
    public static DanubeTopicPath parse(String path) {
        String trimmed = path == null ? "" : path.replaceFirst("^/+", "");
        String[] parts = trimmed.split("/", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException("Invalid danube: URI path '" + path
                    + "': expected /namespace/topic, e.g. danube:/default/orders");
        }
        return new DanubeTopicPath(parts[0], parts[1]);
    }

    /** The Danube topic name, {@code /namespace/topic}. */
    public String topicName() {
        return "/" + namespace + "/" + topic;
    }

    private static void requireSegment(String value, String what, String path) {
        if (value == null || !SEGMENT.matcher(value).matches()) {
            throw new IllegalArgumentException("Invalid danube: URI path '" + path + "': the " + what + " '" + value
                    + "' must consist of letters, digits, '_' or '-'");
        }
    }
}
