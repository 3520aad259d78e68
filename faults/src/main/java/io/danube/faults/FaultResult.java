package io.danube.faults;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;

/**
 * One fault's outcome, printed as one JSON line.
 *
 * @param duplicates      rows beyond one per message id: {@code sinkDuplicates + sourceDuplicates}
 * @param sinkDuplicates  rows of a Danube message (partition topic, offset) written more than once by the sink
 * @param sourceDuplicates message ids the source published to Danube more than once (an MQTT redelivery of a message
 *                        Danube had already accepted), which no sink can tell from two messages
 * @param recoverySeconds seconds from the end of the fault until rows landed again (-1: never)
 * @param drainSeconds    seconds from the last publish until every message had landed (-1: not within the bound)
 * @param manualRestarts  connectors the suite had to start again although it had not killed them (ended by
 *                        themselves, or stalled while running)
 * @param deadLetters     records in the sink's dead-letter topic by reason
 * @param error           why the run could not complete, or null
 */
record FaultResult(String fault, String delivery, long sent, long landedRows, long landedDistinct, long missing,
                   long duplicates, long sinkDuplicates, long sourceDuplicates, double recoverySeconds, double drainSeconds, int manualRestarts,
                   Map<String, List<String>> healthSeen, long publishResends, int poisonSent, long poisonRows,
                   Map<String, Long> deadLetters, String error) {

    private static final ObjectMapper JSON = new ObjectMapper();

    boolean clean() {
        return error == null && missing == 0 && manualRestarts == 0;
    }

    String toJson() {
        ObjectNode line = JSON.createObjectNode();
        line.put("fault", fault).put("delivery", delivery).put("sent", sent).put("landed_rows", landedRows)
                .put("landed_distinct", landedDistinct).put("missing", missing).put("duplicates", duplicates)
                .put("sink_duplicates", sinkDuplicates).put("source_duplicates", sourceDuplicates)
                .put("recovery_s", recoverySeconds).put("drain_s", drainSeconds)
                .put("manual_restarts", manualRestarts).put("publish_resends", publishResends);
        ObjectNode health = line.putObject("health_seen");
        healthSeen.forEach((name, states) -> states.forEach(health.withArray(name)::add));
        if (poisonSent > 0) {
            line.put("poison_sent", poisonSent).put("poison_rows", poisonRows);
            ObjectNode dlq = line.putObject("dlq");
            deadLetters.forEach(dlq::put);
        }
        if (error != null) {
            line.put("error", error);
        }
        return line.toString();
    }
}
