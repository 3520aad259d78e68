package io.danube.connect.webhook;

import io.danube.client.DanubeClient;
import io.danube.client.consumer.Consumer;
import io.danube.embedded.EmbeddedDanube;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class DanubeOutageTest extends WebhookTestSupport {

    @TempDir
    Path dataDirectory;

    private EmbeddedDanube broker;

    private EmbeddedDanube startBroker(int port) {
        return EmbeddedDanube.builder().port(port).dataDirectory(dataDirectory).config(FAST_BROKER).start();
    }

    @AfterEach
    void stopBroker() {
        if (runtime != null) {
            runtime.stop();
            runtime = null;
        }
        if (broker != null) {
            broker.close();
        }
    }

    private static Consumer auditReader(DanubeClient client, String topic) {
        return client.newConsumer().topic(topic).consumerName("audit-reader").subscription("audit").subscribe();
    }

    @Test
    void whileDanubeIsDownWebhooksAre503AndAfterItsRestartTheSameRequestsSucceedWithNothingLost() {
        broker = startBroker(0);
        int port = broker.port();
        String topic = uniqueTopic("outage");
        start(broker.serviceUrl(), serverToml("") + """
                [auth]
                type = "none"
                [[routes]]
                from = "/events"
                to = "%s"
                reliable_dispatch = true
                """.formatted(topic), Map.of());
        try (DanubeClient client = DanubeClient.builder().serviceUrl(broker.serviceUrl()).build()) {
            auditReader(client, topic).close();
        }
        Set<String> answered200 = new TreeSet<>();
        for (int i = 0; i < 20; i++) {
            String id = "before-" + i;
            assertThat(post("/events", id).statusCode()).isEqualTo(200);
            answered200.add(id);
        }

        broker.close();
        await("not ready").atMost(Duration.ofSeconds(10)).until(() -> get("/ready").statusCode() == 503);
        List<String> refused = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String id = "during-" + i;
            HttpResponse<String> response = post("/events", id);
            assertThat(response.statusCode()).isIn(200, 503);
            if (response.statusCode() == 200) {
                answered200.add(id);
            } else {
                assertThat(response.headers().firstValue("Retry-After")).isPresent();
                refused.add(id);
            }
        }
        assertThat(refused).isNotEmpty();
        assertThat(get("/health").statusCode()).isEqualTo(200);

        broker = startBroker(port);
        await("ready again").atMost(Duration.ofSeconds(20)).until(() -> get("/ready").statusCode() == 200);
        for (String id : refused) {
            AtomicReference<Integer> status = new AtomicReference<>();
            await("resent " + id + " accepted").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        status.set(post("/events", id).statusCode());
                        return status.get() == 200;
                    });
            answered200.add(id);
        }

        assertThat(runtime.fatalError()).isNull();
        Set<String> inDanube;
        try (DanubeClient client = DanubeClient.builder().serviceUrl(broker.serviceUrl()).build();
             Consumer reader = auditReader(client, topic)) {
            inDanube = drain(reader, Duration.ofSeconds(2)).stream().map(WebhookTestSupport::text)
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertThat(inDanube).containsAll(answered200);
        assertThat(answered200).hasSize(30);
    }
}
