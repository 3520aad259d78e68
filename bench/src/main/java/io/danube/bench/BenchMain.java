package io.danube.bench;

import io.danube.bench.camel.CamelProduceScenario;
import io.danube.bench.clickhouse.ClickHouseSinkScenario;
import io.danube.bench.delta.DeltaSinkScenario;
import io.danube.bench.client.ClientEndToEndScenario;
import io.danube.bench.client.ClientProduceScenario;
import io.danube.bench.jdbc.JdbcSinkScenario;
import io.danube.bench.mqtt.MqttSourceScenario;
import io.danube.bench.sdk.SdkSinkScenario;
import io.danube.bench.webhook.WebhookSourceScenario;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Entry point of {@code bench/run <scenario> [options]}: prints one JSON line per result on stdout.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, Scenario> scenarios = Stream.of(
                        new ClientProduceScenario(),
                        new ClientEndToEndScenario(),
                        new CamelProduceScenario(),
                        new SdkSinkScenario(),
                        new WebhookSourceScenario(),
                        new JdbcSinkScenario(),
                        new ClickHouseSinkScenario(),
                        new DeltaSinkScenario(),
                        new MqttSourceScenario())
                .collect(Collectors.toMap(Scenario::name, Function.identity()));
        if (args.length == 0 || !scenarios.containsKey(args[0])) {
            System.err.println("unknown scenario " + (args.length == 0 ? "(none)" : "'" + args[0] + "'")
                    + "; known: " + String.join(", ", scenarios.keySet()));
            System.exit(2);
        }
        Scenario scenario = scenarios.get(args[0]);
        BenchOptions options;
        try {
            options = BenchOptions.parse(args, 1, scenario.options());
        } catch (IllegalArgumentException e) {
            System.err.println(scenario.name() + ": " + e.getMessage());
            System.exit(2);
            return;
        }
        List<BenchResult> results = scenario.run(options);
        results.forEach(result -> System.out.println(result.toJson()));
        System.exit(0);
    }
}
