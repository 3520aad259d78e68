package io.danube.connect.demo;

import java.time.Duration;
import java.util.Optional;

/**
 * The command line of {@code ./danube-connect demo}.
 *
 * @param duration how long to publish, or empty to run until SIGINT/SIGTERM
 * @param rate     sample readings published per second
 * @param standIns use the embedded MQTT broker and SQL database even when Mosquitto and PostgreSQL are reachable
 * @param keepTable leave the demo table in PostgreSQL after the run
 */
public record DemoOptions(Optional<Duration> duration, double rate, boolean standIns, boolean keepTable) {

    public static final double DEFAULT_RATE = 10;
    public static final double MAX_RATE = 1000;

    public static final String USAGE = """
            Usage: ./danube-connect demo [--duration SECONDS] [--rate PER_SECOND] [--standins] [--keep-table]
              --duration SECONDS   stop after this many seconds (default: run until Ctrl-C)
              --rate PER_SECOND    sample readings published per second (default 10, at most 1000)
              --standins           use the embedded MQTT broker (HiveMQ CE) and SQL database (H2) even when
                                   Mosquitto (127.0.0.1:1883) and PostgreSQL (127.0.0.1:5432) are reachable
              --keep-table         keep the demo table in PostgreSQL after the run (it is dropped by default)
            Exit status: 0 when rows landed in the table, 1 otherwise, 2 for a bad command line.
            """;

    public DemoOptions {
        if (!(rate > 0 && rate <= MAX_RATE)) {
            throw new IllegalArgumentException("--rate must be above 0 and at most " + MAX_RATE + ", got " + rate);
        }
        duration.ifPresent(d -> {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("--duration must be at least 1 second, got " + d.toSeconds());
            }
        });
    }

    /** Parses the arguments; throws {@link IllegalArgumentException} naming the bad option. */
    public static DemoOptions parse(String... args) {
        Optional<Duration> duration = Optional.empty();
        double rate = DEFAULT_RATE;
        boolean standIns = false;
        boolean keepTable = false;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            switch (option) {
                case "--standins" -> standIns = true;
                case "--keep-table" -> keepTable = true;
                case "--duration" -> duration = Optional.of(Duration.ofSeconds(parseLong(option, value(args, ++i, option))));
                case "--rate" -> rate = parseDouble(option, value(args, ++i, option));
                default -> throw new IllegalArgumentException("unknown option '" + option + "'");
            }
        }
        return new DemoOptions(duration, rate, standIns, keepTable);
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException("option " + option + " needs a value");
        }
        return args[index];
    }

    private static long parseLong(String option, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a whole number of seconds, got '" + value + "'", e);
        }
    }

    private static double parseDouble(String option, String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a number, got '" + value + "'", e);
        }
    }
}
