package io.danube.connect.demo;

import ch.qos.logback.classic.Level;
import io.danube.connect.logging.LogSetup;
import sun.misc.Signal;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./danube-connect demo}: parses the command line, sends the logs to a file in the run's work directory, stops
 * on SIGINT/SIGTERM (a second one ends the process at once) and exits with the demo's status.
 */
public final class DemoMain {

    static final int EXIT_USAGE = 2;

    private DemoMain() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 1 && List.of("-h", "--help", "help").contains(args[0])) {
            System.out.print(DemoOptions.USAGE);
            return;
        }
        DemoOptions options;
        try {
            options = DemoOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("demo: " + e.getMessage());
            System.err.print(DemoOptions.USAGE);
            System.exit(EXIT_USAGE);
            return;
        }
        String runId = UUID.randomUUID().toString().substring(0, 8);
        Path workDirectory = Files.createTempDirectory("danube-demo-" + runId + "-");
        OutputStream log = new FileOutputStream(workDirectory.resolve(Demo.LOG_FILE).toFile());
        LogSetup.install(LogSetup.Format.TEXT, Level.INFO, log);
        CountDownLatch stop = new CountDownLatch(1);
        for (String signal : List.of("INT", "TERM")) {
            Signal.handle(new Signal(signal), received -> {
                if (stop.getCount() == 0) {
                    Runtime.getRuntime().halt(130);
                }
                stop.countDown();
            });
        }
        int status = new Demo(options, runId, workDirectory, System.out, System.console() != null).run(stop);
        System.exit(status);
    }
}
