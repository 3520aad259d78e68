package io.danube.embedded.dispatch;

/**
 * A KeyShared key filter: a case-sensitive whole-string glob where {@code *} matches any run of characters and
 * {@code ?} exactly one.
 */
public record KeyFilter(String glob) {

    public boolean matches(String key) {
        int k = 0;
        int g = 0;
        int starGlob = -1;
        int starKey = 0;
        while (k < key.length()) {
            if (g < glob.length() && (glob.charAt(g) == '?' || glob.charAt(g) == key.charAt(k))) {
                g++;
                k++;
            } else if (g < glob.length() && glob.charAt(g) == '*') {
                starGlob = g++;
                starKey = k;
            } else if (starGlob >= 0) {
                g = starGlob + 1;
                k = ++starKey;
            } else {
                return false;
            }
        }
        while (g < glob.length() && glob.charAt(g) == '*') {
            g++;
        }
        return g == glob.length();
    }
}
