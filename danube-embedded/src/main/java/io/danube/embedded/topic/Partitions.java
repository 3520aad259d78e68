package io.danube.embedded.topic;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The partition naming convention: partition k of base topic B is the ordinary topic {@code B-part-k}. */
final class Partitions {

    private static final Pattern PARTITION = Pattern.compile("(.*)-part-(\\d+)");

    private Partitions() {
    }

    /** The base name if {@code topic} is named like a partition. */
    static Optional<String> baseOf(String topic) {
        Matcher m = PARTITION.matcher(topic);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** Every name in {@code topics} that is exactly {@code base-part-<digits>}, in partition order. */
    static List<String> of(String base, Collection<String> topics) {
        Pattern exact = Pattern.compile(Pattern.quote(base) + "-part-(\\d+)");
        return topics.stream()
                .filter(t -> exact.matcher(t).matches())
                .sorted(Comparator.comparing((String t) -> t.substring(base.length() + "-part-".length()),
                        Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder())))
                .toList();
    }
}
