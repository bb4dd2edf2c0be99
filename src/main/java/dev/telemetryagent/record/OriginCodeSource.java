package dev.telemetryagent.record;

import java.net.URL;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The code source (jar or class directory) of one failing instrumented class or picocli command, and
 * which classes named in a stack trace come from it. A name is resolved through the origin's own
 * loader without initialising the class (a class named in a stack trace is loaded already), and the
 * answer is cached per name: a deep recursion or a repeated failure resolves each class once.
 */
final class OriginCodeSource {
    /** Beyond this many names, answers are computed but no longer cached (memory stays bounded). */
    private static final int MAX_CACHED = 4096;

    private final ClassLoader loader;
    private final String location;
    private final ConcurrentHashMap<String, Boolean> same = new ConcurrentHashMap<>();

    private OriginCodeSource(ClassLoader loader, String location) {
        this.loader = loader;
        this.location = location;
    }

    /** The origin's code source; one that matches nothing when the class has no readable location. */
    static OriginCodeSource of(Class<?> origin) {
        String location = origin == null ? null : locationOf(origin);
        return new OriginCodeSource(origin == null ? null : origin.getClassLoader(), location);
    }

    /** Whether any frame can match (false when the origin has no location, e.g. a JDK class). */
    boolean known() {
        return location != null;
    }

    /** Whether the class of this binary name, as the origin's loader sees it, comes from the same place. */
    boolean contains(String className) {
        if (location == null || className == null || isJdk(className)) {
            return false;
        }
        Boolean cached = same.get(className);
        if (cached != null) {
            return cached;
        }
        boolean answer = resolve(className);
        if (same.size() < MAX_CACHED) {
            same.put(className, answer);
        }
        return answer;
    }

    private boolean resolve(String className) {
        try {
            Class<?> c = Class.forName(className, false, loader);
            return location.equals(locationOf(c));
        } catch (Throwable notVisible) {
            // Not visible from the origin's loader (another plugin's class, a hidden class): not ours.
            return false;
        }
    }

    /** Classes of the JDK's own packages never share a code source with an application class. */
    private static boolean isJdk(String name) {
        return name.startsWith("java.") || name.startsWith("jdk.") || name.startsWith("sun.");
    }

    private static String locationOf(Class<?> c) {
        try {
            ProtectionDomain domain = c.getProtectionDomain();
            CodeSource source = domain == null ? null : domain.getCodeSource();
            URL url = source == null ? null : source.getLocation();
            // The text, not URL.equals, which may resolve host names.
            return url == null ? null : url.toExternalForm();
        } catch (Throwable unreadable) {
            return null;
        }
    }
}
