package io.danube.connect.delta;

import io.danube.connect.config.ConnectorConfig;
import io.danube.connect.config.ConnectorConfigLoader;
import io.danube.connect.delta.config.DeltaSettings;
import io.danube.connect.delta.config.RouteConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ExampleConfigTest {

    @Test
    void theExampleConfigRoutesEventsAndMetricsIntoTwoTablesUnderTheWorkingDirectory() {
        ConnectorConfig config = new ConnectorConfigLoader(Map.of()).load(Path.of("config/delta-sink.toml"));
        DeltaSettings delta = config.section("deltalake", DeltaSettings.class);

        RouteConfig events = RouteConfig.from(delta.routes().get(0), 0, config.connectorName(), Path.of("/srv"));
        RouteConfig metrics = RouteConfig.from(delta.routes().get(1), 1, config.connectorName(), Path.of("/srv"));

        assertThat(events.location()).isEqualTo("/srv/data/delta/events");
        assertThat(events.storesPositions()).isTrue();
        assertThat(events.columns()).extracting(column -> column.name() + ":" + column.type().name())
                .containsExactly("event_type:string", "user_id:long", "at:timestamp", "amount:Decimal(12, 2)");
        assertThat(events.partitionColumns()).containsExactly("event_type");
        assertThat(metrics.columns()).isEmpty();
        assertThat(delta.checkpointInterval()).isEqualTo(10);
        assertThat(config.connectorClass()).contains(DeltaSinkConnector.class.getName());
    }

    @Test
    void theRustExampleLoadsWithItsTopicMappingsArrowTypesAndS3Settings() {
        ConnectorConfig config = new ConnectorConfigLoader(Map.of())
                .load(Path.of("src/test/resources/rust-example.toml"));
        DeltaSettings delta = config.section("deltalake", DeltaSettings.class);

        RouteConfig route = RouteConfig.from(delta.routes().get(0), 0, config.connectorName(), Path.of("/srv"));

        assertThat(route.topic()).isEqualTo("/default/events");
        assertThat(route.location()).isEqualTo("s3://delta-tables/events");
        assertThat(route.metadataColumns()).isTrue();
        assertThat(route.columns()).extracting(column -> column.name() + ":" + column.type().name() + ":"
                                                         + column.nullable())
                .containsExactly("event_type:string:false", "user_id:string:false", "amount:long:true",
                        "status_code:integer:true");
        assertThat(delta.hadoopProperties()).containsEntry("fs.s3a.endpoint", "http://localhost:9000")
                .containsEntry("fs.s3a.connection.ssl.enabled", "false");
    }
}
