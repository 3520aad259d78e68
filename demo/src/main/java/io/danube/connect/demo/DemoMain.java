package io.danube.connect.demo;

import ch.qos.logback.classic.Level;
import io.danube.connect.logging.LogSetup;
import io.danube.connect.launcher.ShutdownHold;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code ./danube-connect demo}: parses the command line, sends the logs to a file in the run's work directory, runs
 * the demo under camel-main (SIGINT/SIGTERM stop it gracefully) and exits with the demo's status.
 */
public final class DemoMain {

    static final int EXIT_USAGE = 2;
    /** How long the demo may take to wind down after a stop signal. */
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

    private DemoMain() {
    }

    /**
     * Runs the demo under camel-main, whose shutdown strategy turns SIGINT/SIGTERM into the demo's stop, on a thread of
     * Camel's {@code ExecutorServiceManager}; returns its status once camel-main stopped.
     */
    private static int run(Demo demo) {
        Main main = new Main();
        main.configure().setName("danube-demo");
        CountDownLatch stop = new CountDownLatch(1);
        main.getShutdownStrategy().addShutdownListener(stop::countDown);
        ShutdownHold.install(SHUTDOWN_TIMEOUT);
        main.start();
        ExecutorService runner = main.getCamelContext().getExecutorServiceManager()
                .newSingleThreadExecutor(main, "DanubeDemo");
        Future<Integer> status = runner.submit(() -> {
            try {
                return demo.run(stop);
            } finally {
                main.completed();
            }
        });
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void beforeStop(BaseMainSupport stopping) {
                stop.countDown();
                awaitStatus(status);
            }
        });
        try {
            main.run();
        } catch (Exception e) {
            System.err.println("demo: " + e.getMessage());
        } finally {
            main.stop();
        }
        return awaitStatus(status);
    }

    private static int awaitStatus(Future<Integer> status) {
        try {
            return status.get(SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } catch (ExecutionException | TimeoutException e) {
            System.err.println("demo: " + e.getMessage());
            return 1;
        }
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
        Demo demo = new Demo(options, runId, workDirectory, System.out, System.console() != null);
        System.out.flush();
        Runtime.getRuntime().halt(run(demo));
    }
}
