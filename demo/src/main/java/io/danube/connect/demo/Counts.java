package io.danube.connect.demo;

/**
 * The three figures of the demo.
 *
 * @param published readings the MQTT broker acknowledged to the sample publisher
 * @param posted    readings posted to the webhook source that Danube accepted
 * @param inDanube  messages that reached the Danube topic
 * @param rows      rows in the demo table
 */
public record Counts(long published, long posted, long inDanube, long rows) {

    /** Every published and posted reading is in Danube and in the table. */
    boolean settled() {
        return inDanube >= published + posted && rows >= published + posted;
    }
}
