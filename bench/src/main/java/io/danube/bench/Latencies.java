package io.danube.bench;

import java.util.Arrays;

/**
 * Records latency samples in nanoseconds into a preallocated array and reports percentiles.
 */
public final class Latencies {

    private final long[] samples;
    private int count;

    public Latencies(int capacity) {
        this.samples = new long[capacity];
    }

    public synchronized void record(long nanos) {
        if (count < samples.length) {
            samples[count++] = nanos;
        }
    }

    /** The given percentile (0–100) in microseconds. */
    public synchronized double percentileMicros(double percentile) {
        if (count == 0) {
            throw new IllegalStateException("no latency samples recorded");
        }
        long[] sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
        int index = (int) Math.min(count - 1, Math.ceil(percentile / 100.0 * count) - 1);
        return sorted[Math.max(0, index)] / 1_000.0;
    }
}
