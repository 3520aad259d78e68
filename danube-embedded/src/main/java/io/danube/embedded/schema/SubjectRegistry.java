package io.danube.embedded.schema;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Subject and version operations of the registry (§4.1, §4.2 of the protocol notes). */
final class SubjectRegistry {

    private final RegistryStore store;
    private final Clock clock;

    SubjectRegistry(RegistryStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * Registers a definition. A definition whose fingerprint equals any version of the subject (deleted ones
     * included) returns that version unchanged; otherwise it must be compatible with the latest version.
     */
    RegistrationResult register(String subject, String schemaType, byte[] definitionBytes, String description,
                                String createdBy, List<String> tags) {
        SchemaDefinition definition = SchemaDefinitions.parse(schemaType, definitionBytes);
        return store.mutate(state -> {
            Optional<SubjectRecord> existing = state.subject(subject);
            if (existing.isEmpty()) {
                long schemaId = state.lastSchemaId() + 1;
                SchemaVersionRecord first = newVersion(1, definition, description, createdBy, tags);
                SubjectRecord created = SubjectRecord.first(subject, schemaId, first);
                return new RegistryStore.Outcome<>(state.withSubject(created),
                        new RegistrationResult(schemaId, 1, true, definition.fingerprint()));
            }
            SubjectRecord record = existing.get();
            Optional<SchemaVersionRecord> same = record.withFingerprint(definition.fingerprint());
            if (same.isPresent()) {
                return new RegistryStore.Outcome<>(state,
                        new RegistrationResult(record.schemaId(), same.get().version(), false,
                                same.get().fingerprint()));
            }
            CompatibilityResult compatibility =
                    CompatibilityChecker.check(record.latest().definition(), definition, record.compatibilityMode());
            if (!compatibility.compatible()) {
                throw new SchemaRegistryException("Schema is not compatible with subject '" + subject + "' (mode: "
                        + record.compatibilityMode().wireName() + "): " + String.join("; ", compatibility.errors()));
            }
            int version = record.latest().version() + 1;
            SubjectRecord updated = record.withVersion(newVersion(version, definition, description, createdBy, tags));
            return new RegistryStore.Outcome<>(state.withSubject(updated),
                    new RegistrationResult(record.schemaId(), version, true, definition.fingerprint()));
        });
    }

    Optional<SubjectRecord> subject(String subject) {
        return store.current().subject(subject);
    }

    Optional<SubjectRecord> subjectBySchemaId(long schemaId) {
        return store.current().subjectBySchemaId(schemaId);
    }

    List<SubjectRecord> subjects() {
        return store.current().subjects().values().stream()
                .sorted(Comparator.comparing(SubjectRecord::subject))
                .toList();
    }

    /** Checks a candidate against the latest version, with {@code modeOverride} if given, else the subject's mode. */
    CompatibilityResult checkCompatibility(String subject, String schemaType, byte[] definitionBytes,
                                           Optional<CompatibilityMode> modeOverride) {
        SchemaDefinition candidate = SchemaDefinitions.parse(schemaType, definitionBytes);
        SubjectRecord record = subject(subject)
                .orElseThrow(() -> new SchemaRegistryException("Subject '" + subject + "' not found"));
        CompatibilityMode mode = modeOverride.orElse(record.compatibilityMode());
        return CompatibilityChecker.check(record.latest().definition(), candidate, mode);
    }

    void setCompatibilityMode(String subject, CompatibilityMode mode) {
        store.mutate(state -> {
            SubjectRecord record = state.subject(subject)
                    .orElseThrow(() -> new SchemaRegistryException("Subject '" + subject + "' not found"));
            return new RegistryStore.Outcome<>(state.withSubject(record.withCompatibilityMode(mode)), null);
        });
    }

    /**
     * Deletes one version. As in the real registry only the version record goes away: the subject keeps it as its
     * latest version, so GetLatestSchema may still return it and numbering continues after it.
     */
    void deleteVersion(String subject, int version) {
        store.mutate(state -> {
            SubjectRecord record = state.subject(subject)
                    .orElseThrow(() -> new SchemaRegistryException("Subject '" + subject + "' not found"));
            if (record.liveVersion(version).isEmpty()) {
                throw new SchemaRegistryException("Version " + version + " of subject '" + subject + "' not found");
            }
            return new RegistryStore.Outcome<>(state.withSubject(record.withDeleted(version)), null);
        });
    }

    private SchemaVersionRecord newVersion(int version, SchemaDefinition definition, String description,
                                           String createdBy, List<String> tags) {
        return new SchemaVersionRecord(version, definition, clock.instant().getEpochSecond(), createdBy, description,
                tags);
    }
}
