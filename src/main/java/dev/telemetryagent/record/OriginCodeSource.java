package dev.telemetryagent.record;

import java.lang.instrument.Instrumentation;
import java.net.URL;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The code source (jar or class directory) of one failing instrumented class or picocli command, and
 * which classes named in a stack trace come from it. A name is looked up among the classes the origin's
 * loader has loaded already, as the JVM records them ({@link Instrumentation#getInitiatedClasses}): a
 * class named in a stack trace ran, so it is loaded, and the lookup never calls the application's class
 * loader, whose code could do anything, nor loads a class for a name that a forged trace made up. The
 * answer is cached per name: a deep recursion or a repeated failure resolves each class once.
 */
final class OriginCodeSource {
    /** Beyond this many names, answers are computed but no longer cached (memory stays bounded). */
    private static final int MAX_CACHED = 4096;

    private final Instrumentation inst;
    private final ClassLoader loader;
    private final String location;
    private final ConcurrentHashMap<String, Boolean> same = new ConcurrentHashMap<>();

    private OriginCodeSource(Instrumentation inst, ClassLoader loader, String location) {
        this.inst = inst;
        this.loader = loader;
        this.location = location;
    }

    /**
     * The origin's code source; one that matches nothing when the class has no readable location.
     *
     * @param inst where the classes already loaded are read
     */
    static OriginCodeSource of(Class<?> origin, Instrumentation inst) {
        String location = origin == null ? null : locationOf(origin);
        return new OriginCodeSource(inst, origin == null ? null : origin.getClassLoader(), location);
    }

    /** Whether any frame can match (false when the origin has no location, e.g. a JDK class). */
    boolean known() {
        return location != null;
    }

    /** The names of one stack trace, looked up against one list of loaded classes at most. */
    Lookup lookup() {
        return new Lookup();
    }

    /**
     * One trace's lookups: the classes loaded through the origin's loader and its parents, which a loader
     * that asks its parent first would find too, are listed on the trace's first name not answered already.
     */
    final class Lookup {
        private List<Class<?>[]> loaded;

        private Lookup() {
        }

        /** Whether the class of this binary name, as the origin's loader has it, comes from the same place. */
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
                if (loaded == null) {
                    loaded = new ArrayList<>(3);
                    for (ClassLoader l = loader; l != null; l = l.getParent()) {
                        loaded.add(inst.getInitiatedClasses(l));
                    }
                }
                for (Class<?>[] classes : loaded) {
                    for (Class<?> c : classes) {
                        if (c.getName().equals(className)) {
                            return location.equals(locationOf(c));
                        }
                    }
                }
                // Not loaded through the origin's loader (another plugin's class, a made-up name): not ours.
                return false;
            } catch (Throwable unreadable) {
                return false;
            }
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
