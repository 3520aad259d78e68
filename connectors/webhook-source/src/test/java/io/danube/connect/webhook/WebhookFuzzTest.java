package io.danube.connect.webhook;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookFuzzTest extends WebhookTestSupport {

    private static final String KEY = "fuzz-key";
    /** Vert.x's limits on a request head: the request line, and the header block. */
    private static final int MAX_REQUEST_LINE = 4096;
    private static final int MAX_HEADER_BLOCK = 8192;
    private static final int REQUESTS = 10_000;
    private static final long MAX_HEAP_GROWTH = 48L * 1024 * 1024;
    private static final String[] METHODS = {"POST", "POST", "POST", "POST", "GET", "PUT", "DELETE", "PATCH",
            "OPTIONS"};
    private static final String[] CONTENT_TYPES = {"application/json", "application/json; charset=utf-8",
            "text/plain", "application/x-www-form-urlencoded", "application/cloudevents+json", "image/png",
            ";;;", "application/json;", "x/y/z"};

    private void startFuzzTarget() throws Exception {
        String schema = Path.of(getClass().getResource("/schemas/order.json").toURI()).toString();
        start(serverToml("max_body_size = 2048") + """
                [auth]
                type = "apikey"
                secret_env = "FUZZ_KEY"
                [rate_limit]
                requests_per_second = 100000
                burst_size = 100000
                per_ip_enabled = true
                per_ip_requests_per_second = 100000
                per_ip_burst_size = 100000
                trusted_proxies = ["127.0.0.1"]
                [[routes]]
                from = "/json"
                to = "%s"
                schema_file = "%s"
                key_field = "id"
                attribute_headers = ["X-Fuzz-0"]
                [[routes]]
                from = "/raw"
                to = "%s"
                key_header = "X-Fuzz-1"
                [[routes]]
                from = "/limited"
                to = "%s"
                rate_limit = { requests_per_second = 5, burst_size = 5 }
                """.formatted(uniqueTopic("fuzz-json"), schema, uniqueTopic("fuzz-raw"), uniqueTopic("fuzz-lim")),
                Map.of("FUZZ_KEY", KEY));
    }

    @Test
    void tenThousandRandomRequestsGetOnlyDesignedAnswersAndTheServerStaysAliveWithFlatMemory() throws Exception {
        startFuzzTarget();
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        fire(1_000, 1, statuses);
        long heapBefore = heapAfterGc();

        fire(REQUESTS, 2, statuses);

        long heapAfter = heapAfterGc();
        assertThat(new TreeMap<>(statuses).keySet()).allMatch(status -> status < 500 || status == 503,
                "a client error or the designed 503");
        assertThat(statuses.keySet()).contains(200, 401, 404);
        assertThat(heapAfter - heapBefore).as("heap growth after GC, bytes").isLessThan(MAX_HEAP_GROWTH);
        assertThat(get("/health").statusCode()).isEqualTo(200);
        assertThat(post("/raw", "still alive", "X-API-Key", KEY).statusCode()).isEqualTo(200);
        assertThat(runtime.fatalError()).isNull();
    }

    @Test
    void malformedRawHttpIsRefusedWithoutAServerErrorAndTheServerStaysAlive() throws Exception {
        startFuzzTarget();
        Random random = new Random(7);
        for (int i = 0; i < 200; i++) {
            byte[] garbage = new byte[random.nextInt(600)];
            random.nextBytes(garbage);
            String prefix = switch (i % 4) {
                case 0 -> "";
                case 1 -> "POST /raw HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999\r\n\r\n";
                case 2 -> "POST /raw HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n";
                default -> "GET /" + "a".repeat(random.nextInt(20_000)) + " HTTP/1.1\r\n\r\n";
            };
            String status = rawExchange(prefix.getBytes(StandardCharsets.US_ASCII), garbage);
            if (status != null && status.startsWith("HTTP/1.")) {
                int code = Integer.parseInt(status.split(" ")[1]);
                assertThat(code < 500 || code == 503).as("status line " + status).isTrue();
            }
        }

        assertThat(get("/health").statusCode()).isEqualTo(200);
        assertThat(post("/raw", "still alive", "X-API-Key", KEY).statusCode()).isEqualTo(200);
    }

    @Test
    void aHeadOverTheLimitsIsAnswered414Or431AndTheServerStaysAlive() throws Exception {
        startFuzzTarget();
        String longLine = "POST /raw?q=" + "a".repeat(MAX_REQUEST_LINE) + " HTTP/1.1\r\nHost: x\r\n\r\n";
        String bigHeaders = "POST /raw HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(MAX_HEADER_BLOCK) + "\r\n\r\n";

        assertThat(rawExchange(longLine.getBytes(StandardCharsets.US_ASCII), new byte[0]))
                .matches("HTTP/1\\.[01] 414 .*");
        assertThat(rawExchange(bigHeaders.getBytes(StandardCharsets.US_ASCII), new byte[0]))
                .matches("HTTP/1\\.[01] 431 .*");
        assertThat(post("/raw", "still alive", "X-API-Key", KEY).statusCode()).isEqualTo(200);
    }

    private String rawExchange(byte[] head, byte[] tail) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", connector.port()), 2000);
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(head);
                out.write(tail);
                out.write("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                socket.shutdownOutput();
            } catch (IOException closedByServer) {
                return null;
            }
            InputStream in = socket.getInputStream();
            byte[] line = new byte[64];
            int read;
            try {
                read = in.readNBytes(line, 0, line.length);
            } catch (IOException closedOrSilent) {
                return null;
            }
            String text = new String(line, 0, read, StandardCharsets.ISO_8859_1);
            int end = text.indexOf('\r');
            return end < 0 ? text : text.substring(0, end);
        }
    }

    private void fire(int requests, long seed, Map<Integer, AtomicInteger> statuses) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            int perThread = requests / 4;
            for (int t = 0; t < 4; t++) {
                Random random = new Random(seed * 31 + t);
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        int status = send(randomRequest(random)).statusCode();
                        statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * A random request whose head stays within {@link #MAX_REQUEST_LINE} and {@link #MAX_HEADER_BLOCK}: Vert.x answers
     * a larger head 414/431 and closes the connection without {@code Connection: close}, so a pooling client may send
     * its next request on a closing connection. Heads over the limits are sent on their own connections instead.
     */
    private HttpRequest randomRequest(Random random) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + connector.port()
                + randomPath(random))).timeout(Duration.ofSeconds(30));
        byte[] body = randomBody(random);
        String method = METHODS[random.nextInt(METHODS.length)];
        request.method(method, body.length == 0 && !method.equals("POST") ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body));
        int key = random.nextInt(10);
        if (key < 6) {
            request.header("X-API-Key", KEY);
        } else if (key < 8) {
            request.header("X-API-Key", randomText(random, 40));
        }
        if (random.nextBoolean()) {
            request.header("Content-Type", CONTENT_TYPES[random.nextInt(CONTENT_TYPES.length)]);
        }
        for (int i = random.nextInt(4); i > 0; i--) {
            request.header("X-Fuzz-" + random.nextInt(3), randomText(random, random.nextInt(1500)));
        }
        if (random.nextInt(5) == 0) {
            request.header("X-Forwarded-For", random.nextBoolean() ? randomText(random, 30)
                    : random.nextInt(256) + "." + random.nextInt(256) + ".0.1, 10.0.0.1");
        }
        if (random.nextInt(5) == 0) {
            request.header("User-Agent", randomText(random, random.nextInt(1500)));
        }
        return request.build();
    }

    private static String randomPath(Random random) {
        return switch (random.nextInt(10)) {
            case 0, 1, 2 -> "/json";
            case 3, 4, 5 -> "/raw";
            case 6 -> "/limited";
            case 7 -> random.nextBoolean() ? "/health" : "/ready";
            case 8 -> "/" + "%" + Integer.toHexString(16 + random.nextInt(240)) + "/..//" + randomSegment(random);
            default -> "/" + randomSegment(random) + (random.nextBoolean() ? "?q=" + randomSegment(random) : "");
        };
    }

    private static String randomSegment(Random random) {
        String alphabet = "abcXYZ019-._~!$&'()*+,;=:@";
        StringBuilder segment = new StringBuilder();
        for (int i = random.nextInt(random.nextInt(10) == 0 ? 1800 : 30); i > 0; i--) {
            segment.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return segment.toString();
    }

    private static byte[] randomBody(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> new byte[0];
            case 1 -> ("{\"id\":\"" + random.nextInt(100) + "\",\"amount\":" + random.nextInt(1000) + "}")
                    .getBytes(StandardCharsets.UTF_8);
            case 2 -> ("{\"id\":" + random.nextInt() + ",\"amount\":\"" + randomText(random, 20) + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            case 3 -> ("[" + "{\"a\":".repeat(random.nextInt(300)) + "1").getBytes(StandardCharsets.UTF_8);
            default -> {
                byte[] bytes = new byte[random.nextInt(random.nextInt(8) == 0 ? 4096 : 512)];
                random.nextBytes(bytes);
                yield bytes;
            }
        };
    }

    private static String randomText(Random random, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) (0x20 + random.nextInt(0x5f)));
        }
        return text.toString();
    }

    private static long heapAfterGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
