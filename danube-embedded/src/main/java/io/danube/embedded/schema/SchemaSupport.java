package io.danube.embedded.schema;

import io.danube.proto.StreamMessage;
import io.grpc.BindableService;

import java.nio.file.Path;
import java.util.function.Predicate;

/**
 * The embedded broker's schema registry: the gRPC service plus the hooks the producer path calls.
 * Placeholder signatures, replaced by the schema registry implementation.
 */
public final class SchemaSupport {

    public SchemaSupport(Path dataDirectoryOrNull, Predicate<String> topicIsLocal) {
    }

    public BindableService grpcService() {
        throw new UnsupportedOperationException("schema registry not built yet");
    }

    public void attachProducerSubject(String topic, String subject) {
        throw new UnsupportedOperationException("schema registry not built yet");
    }

    public void validateMessage(String topic, StreamMessage message) {
    }

    public void forgetTopic(String topic) {
    }
}
