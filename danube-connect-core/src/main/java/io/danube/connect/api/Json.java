package io.danube.connect.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one JSON mapper the SDK uses to encode source payloads and decode sink payloads. Decoding takes one JSON value
 * per payload: anything after it but white space ({@code {...} trailing}) is an error, not ignored.
 */
final class Json {

    static final ObjectMapper MAPPER = JsonMapper.builder().findAndAddModules()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    private Json() {
    }
}
