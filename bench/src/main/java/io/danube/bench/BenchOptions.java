package io.danube.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code --name value} options of one scenario, with defaults; an unknown option fails naming it.
 */
public final class BenchOptions {

    private final Map<String, String> values;

    private BenchOptions(Map<String, String> values) {
        this.values = values;
    }

    public static BenchOptions parse(String[] args, int from, Set<String> known) {
        Map<String, String> values = new HashMap<>();
        for (int i = from; i < args.length; i += 2) {
            String name = args[i];
            if (!name.startsWith("--") || !known.contains(name.substring(2))) {
                throw new IllegalArgumentException("unknown option '" + name + "'; known: --" + String.join(", --", known));
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option '" + name + "' needs a value");
            }
            values.put(name.substring(2), args[i + 1]);
        }
        return new BenchOptions(values);
    }

    public int intValue(String name, int defaultValue) {
        String value = values.get(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value.replace("_", ""));
            if (parsed <= 0) {
                throw new IllegalArgumentException("option --" + name + " must be positive, got " + value);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option --" + name + " needs a whole number, got '" + value + "'", e);
        }
    }

    /** A comma-separated list of positive whole numbers, e.g. {@code --batches 1,100,1000}. */
    public List<Integer> intList(String name, List<Integer> defaultValue) {
        String value = values.get(name);
        if (value == null) {
            return defaultValue;
        }
        List<Integer> parsed = new ArrayList<>();
        for (String part : value.split(",")) {
            try {
                int number = Integer.parseInt(part.trim().replace("_", ""));
                if (number <= 0) {
                    throw new IllegalArgumentException("option --" + name + " needs positive numbers, got " + value);
                }
                parsed.add(number);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("option --" + name + " needs whole numbers separated by commas,"
                                                   + " got '" + value + "'", e);
            }
        }
        return List.copyOf(parsed);
    }
}
