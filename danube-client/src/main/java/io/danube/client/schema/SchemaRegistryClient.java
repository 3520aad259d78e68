package io.danube.client.schema;

import io.danube.client.connection.BrokerConnection;
import io.danube.client.error.DanubeRpcException;
import io.danube.client.error.SchemaResolutionException;
import io.danube.client.retry.BlockingRetry;
import io.danube.proto.schema.CheckCompatibilityRequest;
import io.danube.proto.schema.CheckCompatibilityResponse;
import io.danube.proto.schema.ConfigureTopicSchemaRequest;
import io.danube.proto.schema.ConfigureTopicSchemaResponse;
import io.danube.proto.schema.DeleteSchemaVersionRequest;
import io.danube.proto.schema.DeleteSchemaVersionResponse;
import io.danube.proto.schema.GetLatestSchemaRequest;
import io.danube.proto.schema.GetSchemaRequest;
import io.danube.proto.schema.GetSchemaResponse;
import io.danube.proto.schema.GetTopicSchemaConfigRequest;
import io.danube.proto.schema.GetTopicSchemaConfigResponse;
import io.danube.proto.schema.ListSubjectsRequest;
import io.danube.proto.schema.ListVersionsRequest;
import io.danube.proto.schema.RegisterSchemaRequest;
import io.danube.proto.schema.RegisterSchemaResponse;
import io.danube.proto.schema.SetCompatibilityModeRequest;
import io.danube.proto.schema.SetCompatibilityModeResponse;
import io.danube.proto.schema.UpdateTopicValidationPolicyRequest;
import io.danube.proto.schema.UpdateTopicValidationPolicyResponse;
import io.grpc.Status;
import com.google.protobuf.ByteString;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;

/**
 * Blocking client for the broker's schema registry (all eleven SchemaRegistry RPCs). Calls go to the service URL,
 * carry the client's auth header and deadline, and are retried on transient failures. Failures surface as
 * {@link DanubeRpcException} with the broker's status (e.g. NOT_FOUND for an unknown subject).
 */
public final class SchemaRegistryClient {

    private final Supplier<BrokerConnection> connection;
    private final BlockingRetry retry;

    public SchemaRegistryClient(Supplier<BrokerConnection> connection, BlockingRetry retry) {
        this.connection = connection;
        this.retry = retry;
    }

    /** Registers {@code definition} (UTF-8 text) under {@code subject}. */
    public RegisteredSchema register(String subject, SchemaType type, String definition) {
        return register(subject, type, definition.getBytes(StandardCharsets.UTF_8), "", "", List.of());
    }

    /** Registers a new version of {@code subject}, or returns the existing version with the same definition. */
    public RegisteredSchema register(String subject, SchemaType type, byte[] definition, String description,
                                     String createdBy, List<String> tags) {
        RegisterSchemaRequest request = RegisterSchemaRequest.newBuilder()
                .setSubject(subject)
                .setSchemaType(type.wireName())
                .setSchemaDefinition(ByteString.copyFrom(definition))
                .setDescription(description)
                .setCreatedBy(createdBy)
                .addAllTags(tags)
                .build();
        RegisterSchemaResponse response = call("RegisterSchema", subject,
                () -> connection.get().schema().registerSchema(request));
        return new RegisteredSchema(response.getSchemaId(), response.getVersion(), response.getIsNewVersion(),
                response.getFingerprint());
    }

    /** The latest version of the schema with id {@code schemaId}. */
    public SchemaInfo getSchema(long schemaId) {
        GetSchemaRequest request = GetSchemaRequest.newBuilder().setSchemaId(schemaId).build();
        return toInfo(call("GetSchema", null, () -> connection.get().schema().getSchema(request)));
    }

    /** Version {@code version} of the schema with id {@code schemaId}. */
    public SchemaInfo getSchema(long schemaId, int version) {
        GetSchemaRequest request = GetSchemaRequest.newBuilder().setSchemaId(schemaId).setVersion(version).build();
        return toInfo(call("GetSchema", null, () -> connection.get().schema().getSchema(request)));
    }

    public SchemaInfo getLatestSchema(String subject) {
        GetLatestSchemaRequest request = GetLatestSchemaRequest.newBuilder().setSubject(subject).build();
        return toInfo(call("GetLatestSchema", subject, () -> connection.get().schema().getLatestSchema(request)));
    }

    public List<SchemaVersion> listVersions(String subject) {
        ListVersionsRequest request = ListVersionsRequest.newBuilder().setSubject(subject).build();
        return call("ListVersions", subject, () -> connection.get().schema().listVersions(request))
                .getVersionsList().stream()
                .map(v -> new SchemaVersion(v.getVersion(), v.getCreatedAt(), v.getCreatedBy(), v.getDescription(),
                        v.getFingerprint(), v.getSchemaId()))
                .toList();
    }

    /**
     * Checks {@code definition} against the latest version of {@code subject}.
     *
     * @param compatibilityMode {@code none|backward|forward|full} to override the subject's mode, or {@code null}
     */
    public CompatibilityResult checkCompatibility(String subject, SchemaType type, String definition,
                                                  String compatibilityMode) {
        CheckCompatibilityRequest.Builder request = CheckCompatibilityRequest.newBuilder()
                .setSubject(subject)
                .setSchemaType(type.wireName())
                .setNewSchemaDefinition(ByteString.copyFromUtf8(definition));
        if (compatibilityMode != null) {
            request.setCompatibilityMode(compatibilityMode);
        }
        CheckCompatibilityResponse response = call("CheckCompatibility", subject,
                () -> connection.get().schema().checkCompatibility(request.build()));
        return new CompatibilityResult(response.getIsCompatible(), response.getErrorsList());
    }

    public RegistryOperationResult deleteSchemaVersion(String subject, int version) {
        DeleteSchemaVersionRequest request = DeleteSchemaVersionRequest.newBuilder()
                .setSubject(subject).setVersion(version).build();
        DeleteSchemaVersionResponse response = call("DeleteSchemaVersion", subject,
                () -> connection.get().schema().deleteSchemaVersion(request));
        return new RegistryOperationResult(response.getSuccess(), response.getMessage());
    }

    /** Sets the subject's compatibility mode: {@code none}, {@code backward}, {@code forward} or {@code full}. */
    public RegistryOperationResult setCompatibilityMode(String subject, String compatibilityMode) {
        SetCompatibilityModeRequest request = SetCompatibilityModeRequest.newBuilder()
                .setSubject(subject).setCompatibilityMode(compatibilityMode).build();
        SetCompatibilityModeResponse response = call("SetCompatibilityMode", subject,
                () -> connection.get().schema().setCompatibilityMode(request));
        return new RegistryOperationResult(response.getSuccess(), response.getMessage());
    }

    /** Binds {@code subject} to {@code topic} with a validation policy ({@code none|warn|enforce}). */
    public RegistryOperationResult configureTopicSchema(String topic, String subject, String validationPolicy,
                                                        boolean payloadValidation) {
        ConfigureTopicSchemaRequest request = ConfigureTopicSchemaRequest.newBuilder()
                .setTopicName(topic).setSchemaSubject(subject).setValidationPolicy(validationPolicy)
                .setEnablePayloadValidation(payloadValidation).build();
        ConfigureTopicSchemaResponse response = call("ConfigureTopicSchema", topic,
                () -> connection.get().schema().configureTopicSchema(request));
        return new RegistryOperationResult(response.getSuccess(), response.getMessage());
    }

    public RegistryOperationResult updateTopicValidationPolicy(String topic, String validationPolicy,
                                                               boolean payloadValidation) {
        UpdateTopicValidationPolicyRequest request = UpdateTopicValidationPolicyRequest.newBuilder()
                .setTopicName(topic).setValidationPolicy(validationPolicy)
                .setEnablePayloadValidation(payloadValidation).build();
        UpdateTopicValidationPolicyResponse response = call("UpdateTopicValidationPolicy", topic,
                () -> connection.get().schema().updateTopicValidationPolicy(request));
        return new RegistryOperationResult(response.getSuccess(), response.getMessage());
    }

    public TopicSchemaConfig getTopicSchemaConfig(String topic) {
        GetTopicSchemaConfigRequest request = GetTopicSchemaConfigRequest.newBuilder().setTopicName(topic).build();
        GetTopicSchemaConfigResponse response = call("GetTopicSchemaConfig", topic,
                () -> connection.get().schema().getTopicSchemaConfig(request));
        return new TopicSchemaConfig(response.getSchemaSubject(), response.getValidationPolicy(),
                response.getEnablePayloadValidation(), response.getSchemaId());
    }

    public List<SubjectSummary> listSubjects() {
        return call("ListSubjects", null,
                () -> connection.get().schema().listSubjects(ListSubjectsRequest.getDefaultInstance()))
                .getSubjectsList().stream()
                .map(s -> new SubjectSummary(s.getSubject(), s.getSchemaType(), s.getLatestVersion(),
                        s.getCompatibilityMode(), s.getSchemaId(), s.getTagsList()))
                .toList();
    }

    /**
     * Resolves a producer's schema reference to the (schema id, version) stamped on its messages.
     *
     * @throws SchemaResolutionException when the subject is unknown or the requested version is unavailable
     */
    public ResolvedSchema resolve(SchemaReference reference) {
        SchemaInfo latest;
        try {
            latest = getLatestSchema(reference.subject());
        } catch (DanubeRpcException e) {
            if (e.code() == Status.Code.NOT_FOUND) {
                throw new SchemaResolutionException("schema subject '" + reference.subject() + "' is not registered", e);
            }
            throw new SchemaResolutionException("cannot resolve schema subject '" + reference.subject() + "'", e);
        }
        switch (reference.selector()) {
            case LATEST:
                return new ResolvedSchema(latest.schemaId(), latest.version());
            case MINIMUM:
                if (latest.version() < reference.version()) {
                    throw new SchemaResolutionException("schema subject '" + reference.subject() + "' is at version "
                            + latest.version() + ", below the required minimum " + reference.version());
                }
                return new ResolvedSchema(latest.schemaId(), latest.version());
            case PINNED:
                if (reference.version() > latest.version()) {
                    throw new SchemaResolutionException("schema subject '" + reference.subject() + "' has no version "
                            + reference.version() + " (latest is " + latest.version() + ")");
                }
                if (reference.version() == latest.version()) {
                    return new ResolvedSchema(latest.schemaId(), latest.version());
                }
                try {
                    SchemaInfo pinned = getSchema(latest.schemaId(), reference.version());
                    return new ResolvedSchema(pinned.schemaId(), pinned.version());
                } catch (DanubeRpcException e) {
                    throw new SchemaResolutionException("schema subject '" + reference.subject() + "' version "
                            + reference.version() + " is not available", e);
                }
            default:
                throw new IllegalStateException("unknown selector " + reference.selector());
        }
    }

    private <T> T call(String operation, String subjectOrTopic, Supplier<T> rpc) {
        return retry.call(operation, subjectOrTopic, null, rpc);
    }

    private static SchemaInfo toInfo(GetSchemaResponse r) {
        return new SchemaInfo(r.getSchemaId(), r.getVersion(), r.getSubject(), r.getSchemaType(),
                SchemaEnvelope.unwrap(r.getSchemaDefinition().toByteArray()), r.getDescription(), r.getCreatedAt(),
                r.getCreatedBy(), r.getTagsList(), r.getFingerprint(), r.getCompatibilityMode());
    }
}
