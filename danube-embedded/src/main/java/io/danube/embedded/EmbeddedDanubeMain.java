package io.danube.embedded;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Pattern;

/**
 * Runs the embedded broker in the foreground until SIGTERM/SIGINT:
 * {@code EmbeddedDanubeMain [--port 6650] [--host 127.0.0.1] [--data-dir DIR] [--namespace NAME]...
 * [--auto-create-namespaces] [--cluster-lookups]}.
 * Prints one line with the service URL when ready; bad arguments print usage and exit with status 2.
 */
public final class EmbeddedDanubeMain {

    static final String USAGE = """
            Usage: EmbeddedDanubeMain [--port PORT] [--host HOST] [--data-dir DIR] [--namespace NAME]...
                                      [--auto-create-namespaces] [--cluster-lookups]
              --port PORT                port to listen on (default 6650, 0 = any free port)
              --host HOST                address to bind (default 127.0.0.1)
              --data-dir DIR             keep reliable topics on disk in DIR (default: memory only)
              --namespace NAME           create namespace NAME at start, besides default and system (repeatable)
              --auto-create-namespaces   create a missing namespace when a producer first uses it
              --cluster-lookups          answer the first CreateProducer and Subscribe on a new topic with
                                         UNAVAILABLE, like a clustered broker assigning the topic (default: off)
            """;

    private EmbeddedDanubeMain() {
    }

    /** Parsed command line. */
    record Options(int port, String host, Path dataDirectory, List<String> namespaces, boolean autoCreateNamespaces,
                   boolean clusterLookups) {

        private static final Pattern NAMESPACE = Pattern.compile("[\\p{Alnum}_-]+");

        Options {
            namespaces = List.copyOf(namespaces);
        }

        static Options parse(String[] args) {
            int port = 6650;
            String host = "127.0.0.1";
            Path dataDirectory = null;
            List<String> namespaces = new ArrayList<>();
            boolean autoCreateNamespaces = false;
            boolean clusterLookups = false;
            for (int i = 0; i < args.length; i++) {
                String option = args[i];
                if (option.equals("--auto-create-namespaces")) {
                    autoCreateNamespaces = true;
                    continue;
                }
                if (option.equals("--cluster-lookups")) {
                    clusterLookups = true;
                    continue;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(option.startsWith("--")
                            ? "option " + option + " needs a value" : "unexpected argument '" + option + "'");
                }
                String value = args[++i];
                switch (option) {
                    case "--port" -> port = parsePort(value);
                    case "--host" -> host = value;
                    case "--data-dir" -> dataDirectory = Path.of(value);
                    case "--namespace" -> namespaces.add(parseNamespace(value));
                    default -> throw new IllegalArgumentException("unknown option '" + option + "'");
                }
            }
            return new Options(port, host, dataDirectory, namespaces, autoCreateNamespaces, clusterLookups);
        }

        private static String parseNamespace(String value) {
            if (!NAMESPACE.matcher(value).matches()) {
                throw new IllegalArgumentException("namespace must be letters, digits, '_' or '-', got '" + value
                        + "'");
            }
            return value;
        }

        BrokerConfig brokerConfig() {
            List<String> bootstrap = new ArrayList<>(List.of("default"));
            bootstrap.addAll(namespaces);
            return BrokerConfig.builder()
                    .bootstrapNamespaces(bootstrap)
                    .autoCreateNamespaces(autoCreateNamespaces)
                    .clusterLookups(clusterLookups)
                    .build();
        }

        private static int parsePort(String value) {
            try {
                int port = Integer.parseInt(value);
                if (port < 0 || port > 65535) {
                    throw new IllegalArgumentException("port must be in 0..65535, got " + value);
                }
                return port;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("port must be a number, got '" + value + "'", e);
            }
        }
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.print(USAGE);
            return;
        }
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            fail(System.err, e.getMessage());
            return;
        }
        EmbeddedDanube broker;
        try {
            broker = EmbeddedDanube.builder()
                    .host(options.host())
                    .port(options.port())
                    .dataDirectory(options.dataDirectory())
                    .config(options.brokerConfig())
                    .start();
        } catch (RuntimeException e) {
            System.err.println("error: the broker did not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.stop();
            stopped.countDown();
        }, "danube-embedded-shutdown"));
        System.out.println("Danube embedded broker ready at " + broker.serviceUrl());
        System.out.flush();
        stopped.await();
    }

    private static void fail(PrintStream err, String message) {
        err.println("error: " + message);
        err.print(USAGE);
        err.flush();
        System.exit(2);
    }
}
