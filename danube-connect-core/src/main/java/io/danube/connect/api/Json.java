package io.danube.connect.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The one JSON mapper the SDK uses to encode source payloads and decode sink payloads. */
final class Json {

    static final ObjectMapper MAPPER = JsonMapper.builder().findAndAddModules().build();

    private Json() {
    }
}
