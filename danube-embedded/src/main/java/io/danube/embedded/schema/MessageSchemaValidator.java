package io.danube.embedded.schema;

import io.danube.proto.StreamMessage;
import io.grpc.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Applies a topic's validation policy to a published message (§4.3). A topic without a binding has no subject
 * and the default policy warn, so it accepts everything after a single map lookup.
 */
final class MessageSchemaValidator {

    private static final Logger LOG = LoggerFactory.getLogger(MessageSchemaValidator.class);

    private final RegistryStore store;
    private final PayloadValidator payloadValidator = new PayloadValidator();
    /** Topics already warned about, so warn-mode problems are logged at WARN once per topic, then at DEBUG. */
    private final Set<String> warnedTopics = ConcurrentHashMap.newKeySet();

    MessageSchemaValidator(RegistryStore store) {
        this.store = store;
    }

    void validate(String topic, StreamMessage message) {
        RegistryState state = store.current();
        TopicSchemaBinding binding = state.topics().get(topic);
        if (binding == null || binding.policy() == ValidationPolicy.NONE) {
            return;
        }
        boolean enforce = binding.policy() == ValidationPolicy.ENFORCE;
        if (!message.hasSchemaId()) {
            String reason = "Message missing schema_id for topic " + topic + " (expected subject: "
                    + binding.subject() + ")";
            rejectOrWarn(enforce, topic, reason);
            return;
        }
        long schemaId = message.getSchemaId();
        SubjectRecord subject = state.subjectBySchemaId(schemaId)
                .orElseThrow(() -> rejection("Schema ID " + schemaId + " not found in registry"));
        if (!subject.subject().equals(binding.subject())) {
            String reason = "Schema subject mismatch for topic " + topic + ": message schema_id=" + schemaId
                    + " belongs to subject '" + subject.subject() + "', but topic requires '" + binding.subject()
                    + "'";
            rejectOrWarn(enforce, topic, reason);
            return;
        }
        if (binding.payloadValidation()) {
            validatePayload(subject, message);
        }
    }

    private void validatePayload(SubjectRecord subject, StreamMessage message) {
        int version = message.hasSchemaVersion() ? message.getSchemaVersion() : 1;
        SchemaVersionRecord schema = subject.liveVersion(version)
                .orElseThrow(() -> rejection("Schema version not found: " + subject.subject() + "/" + version));
        Optional<String> problem = payloadValidator.problem(schema.definition(), message.getPayload().toByteArray());
        if (problem.isPresent()) {
            throw rejection("Payload validation failed: " + problem.get());
        }
    }

    private void rejectOrWarn(boolean enforce, String topic, String reason) {
        if (enforce) {
            throw rejection(reason);
        }
        if (warnedTopics.add(topic)) {
            LOG.warn("{} (accepted under policy warn; further warnings for this topic are logged at DEBUG)", reason);
        } else {
            LOG.debug("{} (accepted under policy warn)", reason);
        }
    }

    void forgetTopic(String topic) {
        warnedTopics.remove(topic);
    }

    private static RuntimeException rejection(String reason) {
        return Status.PERMISSION_DENIED
                .withDescription("Unable to publish the message: " + reason)
                .asRuntimeException();
    }
}
