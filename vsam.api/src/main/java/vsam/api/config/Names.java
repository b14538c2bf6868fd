package vsam.api.config;

import java.util.Collection;

/** Suggests the closest known name for a misspelt one (Levenshtein distance). */
public final class Names {

    private Names() {
    }

    /** The candidate closest to {@code name} within an edit distance of 3, or an empty string. */
    public static String nearest(String name, Collection<String> candidates) {
        String best = "";
        int bestDistance = 4;
        for (String c : candidates) {
            int d = distance(name.toLowerCase(java.util.Locale.ROOT), c);
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        return best;
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
