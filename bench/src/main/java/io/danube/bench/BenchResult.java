package io.danube.bench;

import java.util.Locale;

/**
 * One benchmark figure and the baseline measured in the same run; printed as one JSON line.
 */
public record BenchResult(String scenario, String metric, double value, double baseline, String unit) {

    public double ratio() {
        return baseline == 0 ? 0 : value / baseline;
    }

    public String toJson() {
        return String.format(Locale.ROOT,
                "{\"scenario\":\"%s\",\"metric\":\"%s\",\"value\":%.2f,\"baseline\":%.2f,\"ratio\":%.3f,\"unit\":\"%s\"}",
                scenario, metric, value, baseline, ratio(), unit);
    }
}
