package io.danube.connect.config;

import java.util.Set;

/**
 * Implemented by a connector that recognises its config file by the sections it reads. When a file names no
 * {@code connector_class} (a Rust connector's file never does) and several connectors are on the class path, the
 * launcher runs the one connector whose sections are all in the file.
 */
public interface RecognisedBySections {

    /** Top-level sections that, all present, mark a file as this connector's, e.g. {@code mqtt}. */
    Set<String> identifyingSections();
}
