package dev.telemetryagent.consent;

/** How an opt-out variable's value is read: any non-empty value but {@code 0} or {@code false} (any case), trimmed. */
public final class Truthiness {
    private Truthiness() {
    }

    /** True when the value turns an opt-out on. */
    public static boolean isTruthy(String value) {
        if (value == null) {
            return false;
        }
        String v = value.trim();
        return !v.isEmpty() && !v.equals("0") && !v.equalsIgnoreCase("false");
    }
}
