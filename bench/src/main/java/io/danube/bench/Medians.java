package io.danube.bench;

import java.util.ArrayList;
import java.util.List;

/** Rates of repeated rounds; the median is what gets reported. */
public final class Medians {

    private final List<Double> values = new ArrayList<>();

    public void add(double value) {
        values.add(value);
    }

    public double last() {
        return values.get(values.size() - 1);
    }

    public double median() {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
