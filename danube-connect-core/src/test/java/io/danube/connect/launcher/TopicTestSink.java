package io.danube.connect.launcher;

import io.danube.connect.api.ConnectorContext;
import io.danube.connect.api.ConsumerConfig;
import io.danube.connect.api.SinkConnector;
import io.danube.connect.api.SinkRecord;
import io.danube.connect.api.SubscriptionType;
import io.danube.connect.config.ConnectorConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/** A sink run by the launcher in a child JVM: consumes the topic of its {@code [test]} section and logs its batches. */
public class TopicTestSink implements SinkConnector {

    private static final Logger LOG = LoggerFactory.getLogger(TopicTestSink.class);

    /** The {@code [test]} section. */
    public record TestSection(String topic, String subscription) {
    }

    private TestSection section;

    @Override
    public void initialize(ConnectorContext context) {
        ConnectorConfig config = context.config();
        section = config.section("test", TestSection.class);
    }

    @Override
    public List<ConsumerConfig> consumerConfigs() {
        return List.of(new ConsumerConfig(section.topic(), "launched-sink", section.subscription(),
                SubscriptionType.SHARED));
    }

    @Override
    public void processBatch(List<SinkRecord> records) {
        LOG.info("wrote {} record(s)", records.size());
    }

    @Override
    public void shutdown() {
        LOG.info("test sink shut down");
    }
}
