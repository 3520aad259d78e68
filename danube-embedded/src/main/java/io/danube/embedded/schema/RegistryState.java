package io.danube.embedded.schema;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Immutable snapshot of the whole registry: subjects, the schema id counter and topic bindings. Every change
 * produces a new snapshot, which is also the form written to disk.
 */
final class RegistryState {

    static final RegistryState EMPTY = new RegistryState(Map.of(), Map.of(), 0);

    private final Map<String, SubjectRecord> subjects;
    private final Map<String, TopicSchemaBinding> topics;
    private final long lastSchemaId;
    private final Map<Long, String> subjectsById;

    @JsonCreator
    RegistryState(@JsonProperty("subjects") Map<String, SubjectRecord> subjects,
                  @JsonProperty("topics") Map<String, TopicSchemaBinding> topics,
                  @JsonProperty("lastSchemaId") long lastSchemaId) {
        this.subjects = Map.copyOf(subjects == null ? Map.of() : subjects);
        this.topics = Map.copyOf(topics == null ? Map.of() : topics);
        this.lastSchemaId = lastSchemaId;
        Map<Long, String> index = new HashMap<>();
        for (SubjectRecord subject : this.subjects.values()) {
            index.put(subject.schemaId(), subject.subject());
        }
        this.subjectsById = Map.copyOf(index);
    }

    @JsonProperty("subjects")
    public Map<String, SubjectRecord> subjects() {
        return subjects;
    }

    @JsonProperty("topics")
    public Map<String, TopicSchemaBinding> topics() {
        return topics;
    }

    /** The last schema id handed out; ids come from one global counter starting at 1. */
    @JsonProperty("lastSchemaId")
    public long lastSchemaId() {
        return lastSchemaId;
    }

    public Optional<SubjectRecord> subject(String name) {
        return Optional.ofNullable(subjects.get(name));
    }

    public Optional<SubjectRecord> subjectBySchemaId(long schemaId) {
        String name = subjectsById.get(schemaId);
        return name == null ? Optional.empty() : Optional.ofNullable(subjects.get(name));
    }

    RegistryState withSubject(SubjectRecord subject) {
        Map<String, SubjectRecord> next = new HashMap<>(subjects);
        next.put(subject.subject(), subject);
        return new RegistryState(next, topics, Math.max(lastSchemaId, subject.schemaId()));
    }

    RegistryState withTopic(String topic, TopicSchemaBinding binding) {
        Map<String, TopicSchemaBinding> next = new HashMap<>(topics);
        next.put(topic, binding);
        return new RegistryState(subjects, next, lastSchemaId);
    }

    RegistryState withoutTopic(String topic) {
        if (!topics.containsKey(topic)) {
            return this;
        }
        Map<String, TopicSchemaBinding> next = new HashMap<>(topics);
        next.remove(topic);
        return new RegistryState(subjects, next, lastSchemaId);
    }
}
