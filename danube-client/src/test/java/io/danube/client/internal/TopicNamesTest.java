package io.danube.client.internal;

import io.danube.client.error.InvalidTopicNameException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TopicNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"/default/orders", "/ns_1/topic-2", "/default/orders-part-3", "/défaut/主题"})
    void acceptsNamespaceSlashTopic(String topic) {
        assertThat(TopicNames.validate(topic)).isEqualTo(topic);
    }

    @ParameterizedTest
    @ValueSource(strings = {"orders", "/orders", "default/orders", "/default/orders/x", "/default/or.ders",
            "/default/", "//orders", "/default/or ders"})
    void rejectsOtherShapesWithAClearMessage(String topic) {
        assertThatThrownBy(() -> TopicNames.validate(topic))
                .isInstanceOf(InvalidTopicNameException.class)
                .hasMessageContaining(topic)
                .hasMessageContaining("/namespace/topic");
    }

    @Test
    void partitionNamesAppendPartSuffix() {
        assertThat(TopicNames.partition("/default/orders", 2)).isEqualTo("/default/orders-part-2");
    }
}
