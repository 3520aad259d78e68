package io.danube.connect.webhook.auth;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Reads Stripe's {@code t=<unix seconds>,v1=<hex>,v1=<hex>,v0=…} signature header. */
final class StripeSignatureHeader {

    private StripeSignatureHeader() {
    }

    /** @throws AuthenticationException when the header has no single {@code t} or no {@code v1} entry */
    static PresentedSignature parse(String header, String value) {
        String timestamp = null;
        List<byte[]> signatures = new ArrayList<>();
        for (String element : value.split(",")) {
            int equals = element.indexOf('=');
            if (equals < 0) {
                continue;
            }
            String scheme = element.substring(0, equals).trim();
            String content = element.substring(equals + 1).trim();
            if (scheme.equals("t")) {
                if (timestamp != null) {
                    throw new AuthenticationException("malformed " + header + " header: more than one t= entry");
                }
                timestamp = content;
            } else if (scheme.equals("v1")) {
                try {
                    signatures.add(HexFormat.of().parseHex(content));
                } catch (IllegalArgumentException notHex) {
                    // An entry that is not hex cannot match; the others may.
                }
            }
        }
        if (timestamp == null) {
            throw new AuthenticationException("malformed " + header + " header: no t= timestamp");
        }
        if (signatures.isEmpty()) {
            throw new AuthenticationException("malformed " + header + " header: no v1= signature");
        }
        return new PresentedSignature(timestamp, List.copyOf(signatures));
    }
}
