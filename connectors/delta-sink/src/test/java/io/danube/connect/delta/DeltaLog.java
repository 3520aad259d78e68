package io.danube.connect.delta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The {@code _delta_log} of a table read by the test itself, without Delta Kernel: the commit versions present and the
 * data files live at the latest version (added and not removed), as absolute paths.
 */
record DeltaLog(List<Long> versions, List<Path> dataFiles, List<JsonNode> txnActions) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static DeltaLog read(Path table) {
        Path log = table.resolve("_delta_log");
        List<Path> commits;
        try (Stream<Path> files = Files.list(log)) {
            commits = files.filter(file -> file.getFileName().toString().matches("\\d{20}\\.json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Long> versions = new ArrayList<>();
        Set<String> live = new LinkedHashSet<>();
        List<JsonNode> txns = new ArrayList<>();
        for (Path commit : commits) {
            versions.add(Long.parseLong(commit.getFileName().toString().substring(0, 20)));
            try {
                for (String line : Files.readAllLines(commit)) {
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonNode action = JSON.readTree(line);
                    if (action.has("add")) {
                        live.add(action.get("add").get("path").asText());
                    } else if (action.has("remove")) {
                        live.remove(action.get("remove").get("path").asText());
                    } else if (action.has("txn")) {
                        txns.add(action.get("txn"));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        List<Path> dataFiles = live.stream().map(path -> table.resolve(java.net.URLDecoder.decode(path,
                java.nio.charset.StandardCharsets.UTF_8))).toList();
        return new DeltaLog(versions, dataFiles, txns);
    }

    /** Whether the versions are 0, 1, 2, … without a hole. */
    boolean gapless() {
        for (int i = 0; i < versions.size(); i++) {
            if (versions.get(i) != i) {
                return false;
            }
        }
        return true;
    }
}
