package io.danube.embedded.schema;

import io.grpc.Status;

import java.util.Optional;
import java.util.function.Predicate;

/** Topic ↔ subject bindings and per-topic validation policies (§4.3 of the protocol notes). */
final class TopicSchemaPolicies {

    private final RegistryStore store;
    private final Predicate<String> topicIsLocal;

    TopicSchemaPolicies(RegistryStore store, Predicate<String> topicIsLocal) {
        this.store = store;
        this.topicIsLocal = topicIsLocal;
    }

    Optional<TopicSchemaBinding> binding(String topic) {
        return Optional.ofNullable(store.current().topics().get(topic));
    }

    /** A producer with a schema reference: binds the subject to an unbound topic, rejects a different subject. */
    void attachProducerSubject(String topic, String subject) {
        TopicSchemaBinding bound = store.current().topics().get(topic);
        if (bound != null && bound.subject().equals(subject)) {
            return;
        }
        store.mutate(state -> {
            if (state.subject(subject).isEmpty()) {
                throw Status.FAILED_PRECONDITION
                        .withDescription("Schema subject '" + subject
                                + "' not found in registry. Please register schema first.")
                        .asRuntimeException();
            }
            TopicSchemaBinding current = state.topics().get(topic);
            if (current == null) {
                return new RegistryStore.Outcome<>(
                        state.withTopic(topic, TopicSchemaBinding.withDefaultPolicy(subject)), null);
            }
            if (!current.subject().equals(subject)) {
                throw Status.FAILED_PRECONDITION
                        .withDescription("Topic '" + topic + "' uses schema subject '" + current.subject()
                                + "', the producer asked for '" + subject + "'")
                        .asRuntimeException();
            }
            return new RegistryStore.Outcome<>(state, null);
        });
    }

    /**
     * Admin assignment of a subject and policy to a local topic; replaces any previous binding. Subjects are never
     * removed, so the existence check may run before the write lock is taken; {@code topicIsLocal} is always
     * called outside that lock because it calls back into the broker.
     */
    TopicSchemaBinding configure(String topic, String subject, String policyText, boolean payloadValidation) {
        ValidationPolicy policy = parsePolicy(policyText);
        if (store.current().subject(subject).isEmpty()) {
            throw Status.NOT_FOUND
                    .withDescription("Schema subject '" + subject + "' not found in registry")
                    .asRuntimeException();
        }
        requireLocal(topic);
        TopicSchemaBinding binding = new TopicSchemaBinding(subject, policy, payloadValidation);
        return store.mutate(state -> new RegistryStore.Outcome<>(state.withTopic(topic, binding), binding));
    }

    /** Changes the policy of a local topic that already has a subject. */
    TopicSchemaBinding updatePolicy(String topic, String policyText, boolean payloadValidation) {
        ValidationPolicy policy = parsePolicy(policyText);
        requireLocal(topic);
        return store.mutate(state -> {
            TopicSchemaBinding current = state.topics().get(topic);
            if (current == null) {
                throw Status.FAILED_PRECONDITION
                        .withDescription("Topic '" + topic + "' has no schema subject configured")
                        .asRuntimeException();
            }
            TopicSchemaBinding binding = new TopicSchemaBinding(current.subject(), policy, payloadValidation);
            return new RegistryStore.Outcome<>(state.withTopic(topic, binding), binding);
        });
    }

    /** The configuration of a local topic; unbound topics report no subject and the default policy. */
    Optional<TopicSchemaBinding> configuration(String topic) {
        requireLocal(topic);
        return binding(topic);
    }

    void forget(String topic) {
        store.mutate(state -> new RegistryStore.Outcome<>(state.withoutTopic(topic), null));
    }

    private void requireLocal(String topic) {
        if (!topicIsLocal.test(topic)) {
            throw Status.NOT_FOUND
                    .withDescription("Topic '" + topic + "' not found on this broker")
                    .asRuntimeException();
        }
    }

    private static ValidationPolicy parsePolicy(String text) {
        return ValidationPolicy.parse(text).orElseThrow(() -> Status.INVALID_ARGUMENT
                .withDescription("Invalid validation policy: '" + text + "'. Must be 'none', 'warn', or 'enforce'")
                .asRuntimeException());
    }
}
