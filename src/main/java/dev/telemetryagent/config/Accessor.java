package dev.telemetryagent.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Where a configured value is read from: {@code this}, {@code argN} or {@code return}, then a chain of
 * {@code .x} segments, each reading a field {@code x}, a record component {@code x()}, or a getter
 * {@code getX()} or {@code isX()}; nothing else is ever called (see {@code record.AccessorReader}). A
 * segment that can never name a field or a property (a Java keyword or literal: {@code .class} would
 * be {@code getClass()}) is refused here; which members a class has is known only at run time.
 */
public final class Accessor {
    /** Keywords and literals: no field and no property can be named so. */
    private static final Set<String> RESERVED_WORDS = new HashSet<>(Arrays.asList(
            "abstract", "assert", "boolean", "break", "byte", "case", "catch", "char", "class", "const",
            "continue", "default", "do", "double", "else", "enum", "extends", "final", "finally", "float",
            "for", "goto", "if", "implements", "import", "instanceof", "int", "interface", "long", "native",
            "new", "package", "private", "protected", "public", "return", "short", "static", "strictfp",
            "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try", "void",
            "volatile", "while", "true", "false", "null", "_"));

    /** What the chain starts from. */
    public enum Root { THIS, ARGUMENT, RETURN }

    private final String text;
    private final Root root;
    private final int argumentIndex;
    private final List<String> segments;
    private final boolean secret;

    private Accessor(String text, Root root, int argumentIndex, List<String> segments, boolean secret) {
        this.text = text;
        this.root = root;
        this.argumentIndex = argumentIndex;
        this.segments = segments;
        this.secret = secret;
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
            if (!isJavaIdentifier(parts[i]) || RESERVED_WORDS.contains(parts[i])) {
                throw new IllegalArgumentException("accessor \"" + text + "\": \"" + parts[i]
                        + "\" is not a field or property name");
            }
            segments.add(parts[i]);
        }
        return new Accessor(text, root, index, Collections.unmodifiableList(segments), false);
    }

    /**
     * This accessor as the source of a property or hash called {@code name}: its value is sent as
     * {@code <secret>} when that name or the accessor's last segment names a secret ({@link SecretNames}).
     */
    public Accessor forProperty(String name) {
        boolean named = SecretNames.isSecret(name)
                || (!segments.isEmpty() && SecretNames.isSecret(segments.get(segments.size() - 1)));
        return named == secret ? this : new Accessor(text, root, argumentIndex, segments, named);
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

    /** Whether what it reads is sent as {@code <secret>} (set by {@link #forProperty}). */
    public boolean isSecret() {
        return secret;
    }

    @Override
    public String toString() {
        return text;
    }
}
