package io.danube.client.fake;

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
import io.grpc.stub.StreamObserver;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * In-memory registry answering like the real broker: one schema id per subject shared by all its versions, and
 * definitions returned inside the broker's JSON envelope.
 */
public final class FakeSchemaRegistry extends SchemaRegistryGrpc.SchemaRegistryImplBase {

    private record Version(int number, String type, String definition) {
    }

    private record Subject(long id, List<Version> versions) {
    }

    private final AtomicLong ids = new AtomicLong();
    private final Map<String, Subject> subjects = new ConcurrentHashMap<>();
    private final Map<String, GetTopicSchemaConfigResponse> topics = new ConcurrentHashMap<>();
    private final Map<String, String> modes = new ConcurrentHashMap<>();

    /** The JSON envelope the broker stores for a schema of {@code type}. */
    public static String envelope(String type, String definition) {
        String quoted = quote(definition);
        return switch (type) {
            case "avro" -> "{\"Avro\":{\"raw_schema\":" + quoted + ",\"fingerprint\":\"sha256:ab\"}}";
            case "json_schema" -> "{\"JsonSchema\":{\"raw_schema\":" + quoted + ",\"fingerprint\":\"sha256:cd\"}}";
            case "protobuf" -> "{\"Protobuf\":{\"raw_proto\":" + quoted
                    + ",\"message_name\":\"DefaultMessage\",\"fingerprint\":\"sha256:ef\"}}";
            case "string" -> "\"String\"";
            case "number" -> "\"Number\"";
            default -> "\"Bytes\"";
        };
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
    }

    @Override
    public void registerSchema(RegisterSchemaRequest request, StreamObserver<RegisterSchemaResponse> response) {
        Subject subject = subjects.computeIfAbsent(request.getSubject(),
                name -> new Subject(ids.incrementAndGet(), new ArrayList<>()));
        String definition = request.getSchemaDefinition().toStringUtf8();
        synchronized (subject) {
            for (Version existing : subject.versions()) {
                if (existing.definition().equals(definition)) {
                    reply(response, RegisterSchemaResponse.newBuilder().setSchemaId(subject.id())
                            .setVersion(existing.number()).setIsNewVersion(false).setFingerprint("sha256:x").build());
                    return;
                }
            }
            int number = subject.versions().size() + 1;
            subject.versions().add(new Version(number, request.getSchemaType(), definition));
            reply(response, RegisterSchemaResponse.newBuilder().setSchemaId(subject.id()).setVersion(number)
                    .setIsNewVersion(true).setFingerprint("sha256:x").build());
        }
    }

    @Override
    public void getSchema(GetSchemaRequest request, StreamObserver<GetSchemaResponse> response) {
        subjects.entrySet().stream().filter(e -> e.getValue().id() == request.getSchemaId()).findFirst()
                .ifPresentOrElse(e -> {
                    List<Version> versions = e.getValue().versions();
                    Version version = request.hasVersion()
                            ? versions.stream().filter(v -> v.number() == request.getVersion()).findFirst().orElse(null)
                            : versions.get(versions.size() - 1);
                    if (version == null) {
                        response.onError(Status.NOT_FOUND.withDescription("no such version").asException());
                    } else {
                        reply(response, toResponse(e.getKey(), e.getValue().id(), version));
                    }
                }, () -> response.onError(Status.NOT_FOUND.withDescription("no such schema id").asException()));
    }

    @Override
    public void getLatestSchema(GetLatestSchemaRequest request, StreamObserver<GetSchemaResponse> response) {
        Subject subject = subjects.get(request.getSubject());
        if (subject == null) {
            response.onError(Status.NOT_FOUND.withDescription("subject not found").asException());
            return;
        }
        reply(response, toResponse(request.getSubject(), subject.id(),
                subject.versions().get(subject.versions().size() - 1)));
    }

    private GetSchemaResponse toResponse(String subject, long id, Version version) {
        return GetSchemaResponse.newBuilder().setSchemaId(id).setVersion(version.number()).setSubject(subject)
                .setSchemaType(version.type())
                .setSchemaDefinition(ByteString.copyFromUtf8(envelope(version.type(), version.definition())))
                .setCreatedAt(1_700_000_000L).setCreatedBy("test").setFingerprint("sha256:x")
                .setCompatibilityMode(modes.getOrDefault(subject, "backward")).build();
    }

    @Override
    public void listVersions(ListVersionsRequest request, StreamObserver<ListVersionsResponse> response) {
        Subject subject = subjects.get(request.getSubject());
        if (subject == null) {
            response.onError(Status.NOT_FOUND.withDescription("subject not found").asException());
            return;
        }
        ListVersionsResponse.Builder out = ListVersionsResponse.newBuilder();
        subject.versions().forEach(v -> out.addVersions(SchemaVersionInfo.newBuilder().setVersion(v.number())
                .setSchemaId(subject.id()).setCreatedBy("test")));
        reply(response, out.build());
    }

    @Override
    public void checkCompatibility(CheckCompatibilityRequest request,
                                   StreamObserver<CheckCompatibilityResponse> response) {
        boolean compatible = !request.getNewSchemaDefinition().toStringUtf8().contains("incompatible");
        CheckCompatibilityResponse.Builder out = CheckCompatibilityResponse.newBuilder().setIsCompatible(compatible);
        if (!compatible) {
            out.addErrors("field removed");
        }
        reply(response, out.build());
    }

    @Override
    public void deleteSchemaVersion(DeleteSchemaVersionRequest request,
                                    StreamObserver<DeleteSchemaVersionResponse> response) {
        reply(response, DeleteSchemaVersionResponse.newBuilder().setSuccess(true).setMessage("deleted").build());
    }

    @Override
    public void setCompatibilityMode(SetCompatibilityModeRequest request,
                                     StreamObserver<SetCompatibilityModeResponse> response) {
        modes.put(request.getSubject(), request.getCompatibilityMode());
        reply(response, SetCompatibilityModeResponse.newBuilder().setSuccess(true).setMessage("set").build());
    }

    @Override
    public void configureTopicSchema(ConfigureTopicSchemaRequest request,
                                     StreamObserver<ConfigureTopicSchemaResponse> response) {
        Subject subject = subjects.get(request.getSchemaSubject());
        if (subject == null) {
            response.onError(Status.NOT_FOUND.withDescription("subject not found").asException());
            return;
        }
        topics.put(request.getTopicName(), GetTopicSchemaConfigResponse.newBuilder()
                .setSchemaSubject(request.getSchemaSubject()).setValidationPolicy(request.getValidationPolicy())
                .setEnablePayloadValidation(request.getEnablePayloadValidation()).setSchemaId(subject.id()).build());
        reply(response, ConfigureTopicSchemaResponse.newBuilder().setSuccess(true).setMessage("configured").build());
    }

    @Override
    public void updateTopicValidationPolicy(UpdateTopicValidationPolicyRequest request,
                                            StreamObserver<UpdateTopicValidationPolicyResponse> response) {
        GetTopicSchemaConfigResponse config = topics.get(request.getTopicName());
        if (config == null) {
            response.onError(Status.FAILED_PRECONDITION.withDescription("no subject").asException());
            return;
        }
        topics.put(request.getTopicName(), config.toBuilder().setValidationPolicy(request.getValidationPolicy())
                .setEnablePayloadValidation(request.getEnablePayloadValidation()).build());
        reply(response, UpdateTopicValidationPolicyResponse.newBuilder().setSuccess(true).setMessage("updated").build());
    }

    @Override
    public void getTopicSchemaConfig(GetTopicSchemaConfigRequest request,
                                     StreamObserver<GetTopicSchemaConfigResponse> response) {
        GetTopicSchemaConfigResponse config = topics.get(request.getTopicName());
        if (config == null) {
            response.onError(Status.NOT_FOUND.withDescription("topic not found").asException());
            return;
        }
        reply(response, config);
    }

    @Override
    public void listSubjects(ListSubjectsRequest request, StreamObserver<ListSubjectsResponse> response) {
        ListSubjectsResponse.Builder out = ListSubjectsResponse.newBuilder();
        subjects.forEach((name, subject) -> out.addSubjects(SubjectSummary.newBuilder().setSubject(name)
                .setSchemaId(subject.id()).setLatestVersion(subject.versions().size())
                .setSchemaType(subject.versions().get(0).type())
                .setCompatibilityMode(modes.getOrDefault(name, "backward"))));
        reply(response, out.build());
    }

    private static <T> void reply(StreamObserver<T> response, T value) {
        response.onNext(value);
        response.onCompleted();
    }
}
