package io.danube.connect.webhook.auth;

import java.util.List;

/**
 * What a request presents to be checked: its signed timestamp (null when the signed content is the body alone) and
 * the signatures of which one must match.
 */
record PresentedSignature(String timestamp, List<byte[]> signatures) {
}
