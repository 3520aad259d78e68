package io.danube.embedded.schema;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Immutable state of one subject.
 *
 * <p>{@code versions} keeps every version ever registered, including deleted ones: like the real registry, the
 * subject metadata is not updated by DeleteSchemaVersion, so the latest version and fingerprint de-duplication still
 * see a deleted version, while version lookups and listings skip everything in {@code deletedVersions}.
 *
 * @param schemaId  the one id shared by all versions of the subject
 * @param createdAt epoch seconds of the first registration
 */
public record SubjectRecord(String subject,
                            long schemaId,
                            CompatibilityMode compatibilityMode,
                            List<SchemaVersionRecord> versions,
                            Set<Integer> deletedVersions,
                            long createdAt) {

    public SubjectRecord {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(compatibilityMode, "compatibilityMode");
        versions = List.copyOf(versions);
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("subject '" + subject + "' needs at least one version");
        }
        deletedVersions = Collections.unmodifiableSortedSet(
                new TreeSet<>(deletedVersions == null ? Set.of() : deletedVersions));
    }

    static SubjectRecord first(String subject, long schemaId, SchemaVersionRecord firstVersion) {
        return new SubjectRecord(subject, schemaId, CompatibilityMode.DEFAULT, List.of(firstVersion), Set.of(),
                firstVersion.createdAt());
    }

    /** The newest registered version, even if it was deleted afterwards. */
    public SchemaVersionRecord latest() {
        return versions.get(versions.size() - 1);
    }

    public SchemaType schemaType() {
        return latest().definition().type();
    }

    Optional<SchemaVersionRecord> withFingerprint(String fingerprint) {
        return versions.stream().filter(v -> v.fingerprint().equals(fingerprint)).findFirst();
    }

    /** A version that has not been deleted. */
    public Optional<SchemaVersionRecord> liveVersion(int version) {
        if (deletedVersions.contains(version)) {
            return Optional.empty();
        }
        return versions.stream().filter(v -> v.version() == version).findFirst();
    }

    public List<SchemaVersionRecord> liveVersions() {
        return versions.stream().filter(v -> !deletedVersions.contains(v.version())).toList();
    }

    SubjectRecord withVersion(SchemaVersionRecord next) {
        List<SchemaVersionRecord> all = new ArrayList<>(versions);
        all.add(next);
        return new SubjectRecord(subject, schemaId, compatibilityMode, all, deletedVersions, createdAt);
    }

    SubjectRecord withCompatibilityMode(CompatibilityMode mode) {
        return new SubjectRecord(subject, schemaId, mode, versions, deletedVersions, createdAt);
    }

    SubjectRecord withDeleted(int version) {
        Set<Integer> deleted = new TreeSet<>(deletedVersions);
        deleted.add(version);
        return new SubjectRecord(subject, schemaId, compatibilityMode, versions, deleted, createdAt);
    }
}
