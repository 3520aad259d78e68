package io.danube.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code bench/run faults [--messages 20000] [--rate 1000] [--outage 60] [--restarts 10] [--drain 240]
 * [--faults a,b,...] [--delivery at_least_once,effectively_once]}: one JSON line per fault and delivery mode on
 * stdout, progress on stderr; exit code 1 when any fault lost messages, needed a manual restart or failed.
 */
public final class FaultSuiteMain {

    private FaultSuiteMain() {
    }

    public static void main(String[] args) {
        SuiteSettings defaults = SuiteSettings.full();
        int messages = defaults.messages();
        int rate = defaults.rate();
        Duration outage = defaults.longOutage();
        int restarts = defaults.mosquittoRestarts();
        Duration drain = defaults.drainTimeout();
        List<Fault> faults = Arrays.asList(Fault.values());
        List<Delivery> deliveries = List.of(Delivery.AT_LEAST_ONCE, Delivery.EFFECTIVELY_ONCE);
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + args[i] + " needs a value");
            }
            String value = args[i + 1];
            switch (args[i]) {
                case "--messages" -> messages = Integer.parseInt(value);
                case "--rate" -> rate = Integer.parseInt(value);
                case "--outage" -> outage = Duration.ofSeconds(Integer.parseInt(value));
                case "--restarts" -> restarts = Integer.parseInt(value);
                case "--drain" -> drain = Duration.ofSeconds(Integer.parseInt(value));
                case "--faults" -> faults = Arrays.stream(value.split(",")).map(Fault::parse).toList();
                case "--delivery" -> deliveries = Arrays.stream(value.split(",")).map(Delivery::parse).toList();
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        SuiteSettings settings = new SuiteSettings(messages, rate, defaults.shortOutage(), outage, restarts, drain,
                defaults.stallBound());
        List<FaultResult> results = new ArrayList<>();
        for (Delivery delivery : deliveries) {
            for (Fault fault : faults) {
                FaultResult result = new FaultRun(settings, fault, delivery).run();
                System.out.println(result.toJson());
                System.out.flush();
                results.add(result);
            }
        }
        System.exit(results.stream().allMatch(FaultResult::clean) ? 0 : 1);
    }
}
