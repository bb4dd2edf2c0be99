package dev.telemetryagent.privacy;

/**
 * Replacements collected left to right over one text, applied at the end. Copies the text only when
 * something is replaced, so clean text costs one scan and no allocation.
 */
final class TextEdits {
    private final String text;
    private StringBuilder out;
    private int copied;

    TextEdits(String text) {
        this.text = text;
    }

    /** Replaces {@code [from, to)}; spans must come in order and not overlap. */
    void replace(int from, int to, String replacement) {
        if (out == null) {
            out = new StringBuilder(text.length());
        }
        out.append(text, copied, from).append(replacement);
        copied = to;
    }

    /** The edited text (the original instance when nothing was replaced). */
    String result() {
        if (out == null) {
            return text;
        }
        return out.append(text, copied, text.length()).toString();
    }
}
