package io.danube.embedded.schema;

import com.google.protobuf.ByteString;
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
import io.danube.proto.schema.ListSubjectsResponse;
import io.danube.proto.schema.ListVersionsRequest;
import io.danube.proto.schema.ListVersionsResponse;
import io.danube.proto.schema.RegisterSchemaRequest;
import io.danube.proto.schema.RegisterSchemaResponse;
import io.danube.proto.schema.SchemaRegistryGrpc;
import io.danube.proto.schema.SchemaVersionInfo;
import io.danube.proto.schema.SetCompatibilityModeRequest;
import io.danube.proto.schema.SetCompatibilityModeResponse;
import io.danube.proto.schema.SubjectSummary;
import io.danube.proto.schema.UpdateTopicValidationPolicyRequest;
import io.danube.proto.schema.UpdateTopicValidationPolicyResponse;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.function.Supplier;

/** The {@code danube_schema.SchemaRegistry} gRPC service: translates requests and maps failures to status codes. */
final class SchemaRegistryService extends SchemaRegistryGrpc.SchemaRegistryImplBase {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaRegistryService.class);

    private final SubjectRegistry subjects;
    private final TopicSchemaPolicies topics;

    SchemaRegistryService(SubjectRegistry subjects, TopicSchemaPolicies topics) {
        this.subjects = subjects;
        this.topics = topics;
    }

    @Override
    public void registerSchema(RegisterSchemaRequest request, StreamObserver<RegisterSchemaResponse> observer) {
        answer(observer, "Failed to register schema", () -> {
            RegistrationResult result = subjects.register(request.getSubject(), request.getSchemaType(),
                    request.getSchemaDefinition().toByteArray(), request.getDescription(), request.getCreatedBy(),
                    request.getTagsList());
            return RegisterSchemaResponse.newBuilder()
                    .setSchemaId(result.schemaId())
                    .setVersion(result.version())
                    .setIsNewVersion(result.newVersion())
                    .setFingerprint(result.fingerprint())
                    .build();
        });
    }

    @Override
    public void getSchema(GetSchemaRequest request, StreamObserver<GetSchemaResponse> observer) {
        answer(observer, "Failed to get schema", () -> {
            SubjectRecord subject = subjects.subjectBySchemaId(request.getSchemaId())
                    .orElseThrow(() -> notFound("Schema id " + request.getSchemaId() + " not found"));
            SchemaVersionRecord version = request.hasVersion()
                    ? subject.liveVersion(request.getVersion()).orElseThrow(() -> notFound("Version "
                    + request.getVersion() + " of schema id " + request.getSchemaId() + " not found"))
                    : subject.latest();
            return schemaResponse(subject, version);
        });
    }

    @Override
    public void getLatestSchema(GetLatestSchemaRequest request, StreamObserver<GetSchemaResponse> observer) {
        answer(observer, "Failed to get latest schema", () -> {
            SubjectRecord subject = subjects.subject(request.getSubject())
                    .orElseThrow(() -> notFound("Schema not found for subject: " + request.getSubject()));
            return schemaResponse(subject, subject.latest());
        });
    }

    @Override
    public void listVersions(ListVersionsRequest request, StreamObserver<ListVersionsResponse> observer) {
        answer(observer, "Failed to list versions", () -> {
            SubjectRecord subject = subjects.subject(request.getSubject())
                    .orElseThrow(() -> notFound("Subject not found: " + request.getSubject()));
            ListVersionsResponse.Builder response = ListVersionsResponse.newBuilder();
            for (SchemaVersionRecord version : subject.liveVersions()) {
                response.addVersions(SchemaVersionInfo.newBuilder()
                        .setVersion(version.version())
                        .setCreatedAt(version.createdAt())
                        .setCreatedBy(version.createdBy())
                        .setDescription(version.description())
                        .setFingerprint(version.fingerprint())
                        .setSchemaId(subject.schemaId()));
            }
            return response.build();
        });
    }

    @Override
    public void checkCompatibility(CheckCompatibilityRequest request,
                                   StreamObserver<CheckCompatibilityResponse> observer) {
        answer(observer, "Failed to check compatibility", () -> {
            Optional<CompatibilityMode> override = request.hasCompatibilityMode()
                    ? CompatibilityMode.parse(request.getCompatibilityMode())
                    : Optional.empty();
            CompatibilityResult result = subjects.checkCompatibility(request.getSubject(), request.getSchemaType(),
                    request.getNewSchemaDefinition().toByteArray(), override);
            return CheckCompatibilityResponse.newBuilder()
                    .setIsCompatible(result.compatible())
                    .addAllErrors(result.errors())
                    .build();
        });
    }

    @Override
    public void deleteSchemaVersion(DeleteSchemaVersionRequest request,
                                    StreamObserver<DeleteSchemaVersionResponse> observer) {
        answer(observer, "Failed to delete schema version", () -> {
            subjects.deleteVersion(request.getSubject(), request.getVersion());
            return DeleteSchemaVersionResponse.newBuilder()
                    .setSuccess(true)
                    .setMessage("Deleted version " + request.getVersion() + " for subject " + request.getSubject())
                    .build();
        });
    }

    @Override
    public void setCompatibilityMode(SetCompatibilityModeRequest request,
                                     StreamObserver<SetCompatibilityModeResponse> observer) {
        answer(observer, "Failed to set compatibility mode", () -> {
            CompatibilityMode mode = CompatibilityMode.parse(request.getCompatibilityMode())
                    .orElseThrow(() -> Status.INVALID_ARGUMENT
                            .withDescription("Invalid compatibility mode: " + request.getCompatibilityMode())
                            .asRuntimeException());
            subjects.setCompatibilityMode(request.getSubject(), mode);
            return SetCompatibilityModeResponse.newBuilder()
                    .setSuccess(true)
                    .setMessage("Set compatibility mode to " + mode.wireName() + " for subject "
                            + request.getSubject())
                    .build();
        });
    }

    @Override
    public void configureTopicSchema(ConfigureTopicSchemaRequest request,
                                     StreamObserver<ConfigureTopicSchemaResponse> observer) {
        answer(observer, "Failed to configure topic schema", () -> {
            TopicSchemaBinding binding = topics.configure(request.getTopicName(), request.getSchemaSubject(),
                    request.getValidationPolicy(), request.getEnablePayloadValidation());
            return ConfigureTopicSchemaResponse.newBuilder()
                    .setSuccess(true)
                    .setMessage("Topic '" + request.getTopicName() + "' configured with schema '"
                            + binding.subject() + "', validation policy '" + binding.policy().wireName()
                            + "', payload validation " + (binding.payloadValidation() ? "enabled" : "disabled"))
                    .build();
        });
    }

    @Override
    public void updateTopicValidationPolicy(UpdateTopicValidationPolicyRequest request,
                                            StreamObserver<UpdateTopicValidationPolicyResponse> observer) {
        answer(observer, "Failed to update topic validation policy", () -> {
            TopicSchemaBinding binding = topics.updatePolicy(request.getTopicName(), request.getValidationPolicy(),
                    request.getEnablePayloadValidation());
            return UpdateTopicValidationPolicyResponse.newBuilder()
                    .setSuccess(true)
                    .setMessage("Topic '" + request.getTopicName() + "' validation policy set to '"
                            + binding.policy().wireName() + "', payload validation "
                            + (binding.payloadValidation() ? "enabled" : "disabled"))
                    .build();
        });
    }

    @Override
    public void getTopicSchemaConfig(GetTopicSchemaConfigRequest request,
                                     StreamObserver<GetTopicSchemaConfigResponse> observer) {
        answer(observer, "Failed to get topic schema config", () -> {
            GetTopicSchemaConfigResponse.Builder response = GetTopicSchemaConfigResponse.newBuilder()
                    .setValidationPolicy(ValidationPolicy.DEFAULT.wireName());
            topics.configuration(request.getTopicName()).ifPresent(binding -> {
                response.setSchemaSubject(binding.subject())
                        .setValidationPolicy(binding.policy().wireName())
                        .setEnablePayloadValidation(binding.payloadValidation());
                subjects.subject(binding.subject()).ifPresent(subject -> response.setSchemaId(subject.schemaId()));
            });
            return response.build();
        });
    }

    @Override
    public void listSubjects(ListSubjectsRequest request, StreamObserver<ListSubjectsResponse> observer) {
        answer(observer, "Failed to list subjects", () -> {
            ListSubjectsResponse.Builder response = ListSubjectsResponse.newBuilder();
            for (SubjectRecord subject : subjects.subjects()) {
                SchemaVersionRecord latest = subject.latest();
                response.addSubjects(SubjectSummary.newBuilder()
                        .setSubject(subject.subject())
                        .setSchemaType(subject.schemaType().wireName())
                        .setLatestVersion(latest.version())
                        .setCompatibilityMode(subject.compatibilityMode().wireName())
                        .setSchemaId(subject.schemaId())
                        .addAllTags(latest.tags()));
            }
            return response.build();
        });
    }

    private static GetSchemaResponse schemaResponse(SubjectRecord subject, SchemaVersionRecord version) {
        return GetSchemaResponse.newBuilder()
                .setSchemaId(subject.schemaId())
                .setVersion(version.version())
                .setSubject(subject.subject())
                .setSchemaType(version.definition().type().wireName())
                .setSchemaDefinition(ByteString.copyFrom(DefinitionEnvelope.encode(version.definition())))
                .setDescription(version.description())
                .setCreatedAt(version.createdAt())
                .setCreatedBy(version.createdBy())
                .addAllTags(version.tags())
                .setFingerprint(version.fingerprint())
                .setCompatibilityMode(subject.compatibilityMode().wireName())
                .build();
    }

    private static StatusRuntimeException notFound(String description) {
        return Status.NOT_FOUND.withDescription(description).asRuntimeException();
    }

    /**
     * Runs one unary call. Status exceptions pass through; registry failures and anything unexpected become
     * INTERNAL with {@code failurePrefix}, as in the real broker.
     */
    private static <T> void answer(StreamObserver<T> observer, String failurePrefix, Supplier<T> call) {
        T response;
        try {
            response = call.get();
        } catch (StatusRuntimeException e) {
            observer.onError(e);
            return;
        } catch (SchemaRegistryException e) {
            observer.onError(Status.INTERNAL.withDescription(failurePrefix + ": " + e.getMessage())
                    .asRuntimeException());
            return;
        } catch (RuntimeException e) {
            LOG.error("{}: unexpected failure", failurePrefix, e);
            observer.onError(Status.INTERNAL.withDescription(failurePrefix + ": " + e.getMessage())
                    .withCause(e).asRuntimeException());
            return;
        }
        observer.onNext(response);
        observer.onCompleted();
    }
}
