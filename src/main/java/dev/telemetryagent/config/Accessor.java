package dev.telemetryagent.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Where a configured value is read from: {@code this}, {@code argN} or {@code return}, then a chain of
 * {@code .x} segments, each a field {@code x} or a call of {@code x()}, {@code getX()} or {@code isX()}.
 */
public final class Accessor {
    /** What the chain starts from. */
    public enum Root { THIS, ARGUMENT, RETURN }

    private final String text;
    private final Root root;
    private final int argumentIndex;
    private final List<String> segments;

    private Accessor(String text, Root root, int argumentIndex, List<String> segments) {
        this.text = text;
        this.root = root;
        this.argumentIndex = argumentIndex;
        this.segments = segments;
    }

    /**
     * Parses an accessor.
     *
     * @throws IllegalArgumentException with a message for people when the text is not an accessor
     */
    public static Accessor parse(String text) {
        String[] parts = text.split("\\.", -1);
        String head = parts[0];
        Root root;
        int index = -1;
        if (head.equals("this")) {
            root = Root.THIS;
        } else if (head.equals("return")) {
            root = Root.RETURN;
        } else if (head.startsWith("arg") && head.length() > 3 && allDigits(head.substring(3))
                && head.length() <= 6) {
            root = Root.ARGUMENT;
            index = Integer.parseInt(head.substring(3));
        } else {
            throw new IllegalArgumentException("accessor \"" + text
                    + "\" must start with this, argN (0-based) or return");
        }
        List<String> segments = new ArrayList<>(parts.length - 1);
        for (int i = 1; i < parts.length; i++) {
            if (!isJavaIdentifier(parts[i])) {
                throw new IllegalArgumentException("accessor \"" + text + "\": \"" + parts[i]
                        + "\" is not a field or method name");
            }
            segments.add(parts[i]);
        }
        return new Accessor(text, root, index, Collections.unmodifiableList(segments));
    }

    private static boolean allDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return !s.isEmpty();
    }

    static boolean isJavaIdentifier(String s) {
        if (s.isEmpty() || !Character.isJavaIdentifierStart(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            if (!Character.isJavaIdentifierPart(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** The accessor as written. */
    public String text() {
        return text;
    }

    /** What the chain starts from. */
    public Root root() {
        return root;
    }

    /** The 0-based argument index for {@link Root#ARGUMENT}, else -1. */
    public int argumentIndex() {
        return argumentIndex;
    }

    /** The {@code .x} segments, in order. */
    public List<String> segments() {
        return segments;
    }

    @Override
    public String toString() {
        return text;
    }
}
