package io.danube.embedded.schema;

import io.danube.proto.StreamMessage;
import io.grpc.BindableService;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The embedded broker's schema registry: the {@code danube_schema.SchemaRegistry} gRPC service plus the hooks the
 * producer path calls. Thread-safe. With a data directory every change is written through to
 * {@value RegistryStateFile#FILE_NAME} in it before it becomes visible; without one the registry lives in memory.
 */
public final class SchemaSupport {

    private final RegistryStore store;
    private final SubjectRegistry subjects;
    private final TopicSchemaPolicies topics;
    private final MessageSchemaValidator messageValidator;
    private final SchemaRegistryService service;

    /**
     * @param dataDirectoryOrNull directory for the registry file, or {@code null} for a memory-only registry
     * @param topicIsLocal        tells whether a topic exists on this broker; never called while the registry holds
     *                            its write lock, so it may take broker locks
     * @throws java.io.UncheckedIOException if an existing registry file cannot be read
     */
    public SchemaSupport(Path dataDirectoryOrNull, Predicate<String> topicIsLocal) {
        this(dataDirectoryOrNull, topicIsLocal, Clock.systemUTC());
    }

    SchemaSupport(Path dataDirectoryOrNull, Predicate<String> topicIsLocal, Clock clock) {
        Objects.requireNonNull(topicIsLocal, "topicIsLocal");
        this.store = new RegistryStore(dataDirectoryOrNull);
        this.subjects = new SubjectRegistry(store, clock);
        this.topics = new TopicSchemaPolicies(store, topicIsLocal);
        this.messageValidator = new MessageSchemaValidator(store);
        this.service = new SchemaRegistryService(subjects, topics);
    }

    /** The gRPC service to register on the broker's client port. */
    public BindableService grpcService() {
        return service;
    }

    /**
     * Called on CreateProducer with a schema reference. Binds the subject to a topic that has none.
     *
     * @throws io.grpc.StatusRuntimeException FAILED_PRECONDITION if the subject is not registered or the topic
     *                                        already uses another subject
     */
    public void attachProducerSubject(String topic, String subject) {
        topics.attachProducerSubject(topic, subject);
    }

    /**
     * Called on every SendMessage; costs one map lookup for a topic without schema configuration.
     *
     * @throws io.grpc.StatusRuntimeException PERMISSION_DENIED "Unable to publish the message: …" on rejection
     */
    public void validateMessage(String topic, StreamMessage message) {
        messageValidator.validate(topic, message);
    }

    /** Drops the topic's subject binding and policy (the topic was deleted). */
    public void forgetTopic(String topic) {
        topics.forget(topic);
        messageValidator.forgetTopic(topic);
    }

    /** The subject bound to a topic, if any. */
    public Optional<TopicSchemaBinding> topicBinding(String topic) {
        return topics.binding(topic);
    }

    /** A snapshot of a registered subject, if any. */
    public Optional<SubjectRecord> subject(String subject) {
        return subjects.subject(subject);
    }
}
