package io.danube.bench.delta;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a benchmark run left in a table directory, to show that both sides did the same Delta work: commits,
 * checkpoints, version checksum files, and the Parquet data files with their total size.
 */
record TableFiles(long commits, long checkpoints, long checksums, long dataFiles, long dataBytes) {

    static TableFiles of(Path table) throws IOException {
        List<Path> log;
        try (Stream<Path> files = Files.list(table.resolve("_delta_log"))) {
            log = files.toList();
        }
        List<Path> data;
        try (Stream<Path> files = Files.walk(table)) {
            data = files.filter(file -> !file.startsWith(table.resolve("_delta_log")))
                    .filter(file -> file.getFileName().toString().endsWith(".parquet")).toList();
        }
        long dataBytes = 0;
        for (Path file : data) {
            dataBytes += Files.size(file);
        }
        return new TableFiles(count(log, "\\d{20}\\.json"), count(log, "\\d{20}\\.checkpoint\\.parquet"),
                count(log, "\\d{20}\\.crc"), data.size(), dataBytes);
    }

    private static long count(List<Path> files, String pattern) {
        return files.stream().filter(file -> file.getFileName().toString().matches(pattern)).count();
    }

    @Override
    public String toString() {
        return commits + " commits, " + checkpoints + " checkpoints, " + checksums + " checksum files, " + dataFiles
               + " data files of " + dataBytes / 1024 + " KiB";
    }
}
