package io.danube.bench;

import java.util.List;
import java.util.Set;

/**
 * A benchmark scenario: measures a figure and its baseline in the same run.
 */
public interface Scenario {

    String name();

    /** Option names this scenario accepts (without the leading dashes). */
    Set<String> options();

    List<BenchResult> run(BenchOptions options) throws Exception;
}
