package io.danube.connect.mqtt.routing;

import java.util.List;
import java.util.Objects;

/**
 * An MQTT topic filter, matched per the MQTT 5 specification (§4.7): {@code +} matches exactly one level, {@code #}
 * (last level only) matches the parent level and any number of levels below it, so {@code a/#} also matches
 * {@code a}; topics starting with {@code $} are not matched by a filter starting with a wildcard. A shared
 * subscription {@code $share/group/filter} is subscribed as written and matched on {@code filter}.
 */
public final class TopicFilter {

    private static final String SHARE_PREFIX = "$share/";

    private final String subscription;
    private final String shareGroup;
    private final List<String> levels;

    private TopicFilter(String subscription, String shareGroup, List<String> levels) {
        this.subscription = subscription;
        this.shareGroup = shareGroup;
        this.levels = levels;
    }

    /** Parses {@code text}; throws {@link IllegalArgumentException} saying what is wrong. */
    public static TopicFilter parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("a topic filter must not be empty");
        }
        String filter = text;
        String group = null;
        if (text.startsWith(SHARE_PREFIX)) {
            int slash = text.indexOf('/', SHARE_PREFIX.length());
            if (slash < 0 || slash == SHARE_PREFIX.length() || slash == text.length() - 1) {
                throw new IllegalArgumentException("a shared subscription must look like $share/<group>/<filter>, got '"
                                                   + text + "'");
            }
            group = text.substring(SHARE_PREFIX.length(), slash);
            if (group.contains("+") || group.contains("#")) {
                throw new IllegalArgumentException("the share group of '" + text + "' must not contain + or #");
            }
            filter = text.substring(slash + 1);
        }
        List<String> levels = List.of(filter.split("/", -1));
        for (int i = 0; i < levels.size(); i++) {
            String level = levels.get(i);
            if (level.contains("#") && (!level.equals("#") || i != levels.size() - 1)) {
                throw new IllegalArgumentException("'#' must be a whole level and the last one in '" + text + "'");
            }
            if (level.contains("+") && !level.equals("+")) {
                throw new IllegalArgumentException("'+' must be a whole level in '" + text + "'");
            }
        }
        return new TopicFilter(text, group, levels);
    }

    /** Whether a message published to {@code topic} matches this filter. */
    public boolean matches(String topic) {
        Objects.requireNonNull(topic, "topic");
        String first = levels.get(0);
        if (topic.startsWith("$") && (first.equals("+") || first.equals("#"))) {
            return false;
        }
        String[] topicLevels = topic.split("/", -1);
        for (int i = 0; i < levels.size(); i++) {
            String level = levels.get(i);
            if (level.equals("#")) {
                return true;
            }
            if (i >= topicLevels.length) {
                return false;
            }
            if (!level.equals("+") && !level.equals(topicLevels[i])) {
                return false;
            }
        }
        return topicLevels.length == levels.size();
    }

    /** The filter as subscribed, including a {@code $share/group/} prefix. */
    public String subscription() {
        return subscription;
    }

    public boolean isShared() {
        return shareGroup != null;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TopicFilter that && subscription.equals(that.subscription);
    }

    @Override
    public int hashCode() {
        return subscription.hashCode();
    }

    @Override
    public String toString() {
        return subscription;
    }
}
