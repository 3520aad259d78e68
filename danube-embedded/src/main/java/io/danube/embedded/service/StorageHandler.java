package io.danube.embedded.service;

import io.danube.proto.ListSegmentDescriptorsRequest;
import io.danube.proto.ListSegmentDescriptorsResponse;
import io.danube.proto.StorageServiceGrpc;
import io.grpc.stub.StreamObserver;

/** {@code danube.StorageService}: the embedded broker exports no durable segments, so the list is always empty. */
public final class StorageHandler extends StorageServiceGrpc.StorageServiceImplBase {

    @Override
    public void listSegmentDescriptors(ListSegmentDescriptorsRequest request,
                                       StreamObserver<ListSegmentDescriptorsResponse> observer) {
        observer.onNext(ListSegmentDescriptorsResponse.getDefaultInstance());
        observer.onCompleted();
    }
}
