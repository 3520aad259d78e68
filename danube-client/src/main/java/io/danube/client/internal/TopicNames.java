package io.danube.client.internal;

import io.danube.client.error.InvalidTopicNameException;

import java.util.regex.Pattern;

/** Topic name rules shared by producers and consumers. */
public final class TopicNames {

    private static final Pattern TOPIC =
            Pattern.compile("/[\\p{Alnum}_-]+/[\\p{Alnum}_-]+", Pattern.UNICODE_CHARACTER_CLASS);

    private TopicNames() {
    }

    /** Returns {@code topic} if it has the form {@code /namespace/topic}, else throws. */
    public static String validate(String topic) {
        if (topic == null || !TOPIC.matcher(topic).matches()) {
            throw new InvalidTopicNameException(topic);
        }
        return topic;
    }

    /** Name of partition {@code index} of {@code topic}. */
    public static String partition(String topic, int index) {
        return topic + "-part-" + index;
    }
}
