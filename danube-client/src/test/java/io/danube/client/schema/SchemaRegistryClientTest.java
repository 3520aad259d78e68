package io.danube.client.schema;

import io.danube.client.DanubeClient;
import io.danube.client.error.DanubeRpcException;
import io.danube.client.fake.FakeBroker;
import io.grpc.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SchemaRegistryClientTest {

    private static final String AVRO_V1 = "{\"type\":\"record\",\"name\":\"Order\",\"fields\":[]}";
    private static final String AVRO_V2 =
            "{\"type\":\"record\",\"name\":\"Order\",\"fields\":[{\"name\":\"id\",\"type\":\"long\",\"default\":0}]}";

    private FakeBroker broker;
    private DanubeClient client;
    private SchemaRegistryClient registry;

    @BeforeEach
    void start() throws Exception {
        broker = new FakeBroker();
        client = broker.client();
        registry = client.schemaRegistry();
    }

    @AfterEach
    void stop() {
        client.close();
        broker.close();
    }

    @Test
    void registerReturnsIdVersionAndWhetherItIsNew() {
        RegisteredSchema first = registry.register("orders-value", SchemaType.AVRO, AVRO_V1);
        RegisteredSchema again = registry.register("orders-value", SchemaType.AVRO, AVRO_V1);

        assertThat(first.version()).isEqualTo(1);
        assertThat(first.newVersion()).isTrue();
        assertThat(again).isEqualTo(new RegisteredSchema(first.schemaId(), 1, false, again.fingerprint()));
    }

    @Test
    void getLatestSchemaUnwrapsTheBrokerEnvelope() {
        registry.register("orders-value", SchemaType.AVRO, AVRO_V1);
        registry.register("orders-value", SchemaType.AVRO, AVRO_V2);

        SchemaInfo latest = registry.getLatestSchema("orders-value");

        assertThat(latest.version()).isEqualTo(2);
        assertThat(latest.definition()).isEqualTo(AVRO_V2);
        assertThat(latest.schemaType()).isEqualTo("avro");
        assertThat(latest.compatibilityMode()).isEqualTo("backward");
    }

    @Test
    void getSchemaByIdAndVersionUnwrapsJsonSchema() {
        String jsonSchema = "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"}}}";
        RegisteredSchema registered = registry.register("events", SchemaType.JSON_SCHEMA, jsonSchema);
        registry.register("events", SchemaType.JSON_SCHEMA, "{\"type\":\"object\"}");

        assertThat(registry.getSchema(registered.schemaId(), 1).definition()).isEqualTo(jsonSchema);
        assertThat(registry.getSchema(registered.schemaId()).version()).isEqualTo(2);
    }

    @Test
    void definitionlessTypesHaveAnEmptyDefinition() {
        registry.register("raw", SchemaType.BYTES, "");

        assertThat(registry.getLatestSchema("raw").definition()).isEmpty();
    }

    @Test
    void unknownSubjectFailsWithNotFound() {
        assertThatThrownBy(() -> registry.getLatestSchema("missing"))
                .isInstanceOfSatisfying(DanubeRpcException.class,
                        e -> assertThat(e.code()).isEqualTo(Status.Code.NOT_FOUND))
                .hasMessageContaining("GetLatestSchema").hasMessageContaining("missing");
    }

    @Test
    void listVersionsAndSubjectsReflectRegistrations() {
        registry.register("orders-value", SchemaType.AVRO, AVRO_V1);
        registry.register("orders-value", SchemaType.AVRO, AVRO_V2);

        assertThat(registry.listVersions("orders-value")).extracting(SchemaVersion::version).containsExactly(1, 2);
        assertThat(registry.listSubjects()).singleElement().satisfies(s -> {
            assertThat(s.subject()).isEqualTo("orders-value");
            assertThat(s.latestVersion()).isEqualTo(2);
        });
    }

    @Test
    void compatibilityCheckReportsErrors() {
        registry.register("orders-value", SchemaType.AVRO, AVRO_V1);

        assertThat(registry.checkCompatibility("orders-value", SchemaType.AVRO, AVRO_V2, null).compatible()).isTrue();
        assertThat(registry.checkCompatibility("orders-value", SchemaType.AVRO, "incompatible", "full"))
                .isEqualTo(new CompatibilityResult(false, List.of("field removed")));
    }

    @Test
    void modeDeletionAndTopicBindingCallsReturnTheBrokersAnswer() {
        registry.register("orders-value", SchemaType.AVRO, AVRO_V1);

        assertThat(registry.setCompatibilityMode("orders-value", "full").success()).isTrue();
        assertThat(registry.deleteSchemaVersion("orders-value", 1).success()).isTrue();
        assertThat(registry.configureTopicSchema("/default/orders", "orders-value", "enforce", false).success()).isTrue();
        assertThat(registry.updateTopicValidationPolicy("/default/orders", "warn", true).success()).isTrue();
        assertThat(registry.getTopicSchemaConfig("/default/orders"))
                .isEqualTo(new TopicSchemaConfig("orders-value", "warn", true, 1));
    }
}
