package dev.telemetryagent.instrument;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers "is this class a subtype of one of these?" while the class is still being loaded, from class
 * file headers: super types are read as resources of the defining loader, never loaded, so no class is
 * initialised early and no {@code ClassCircularityError} can arise. A super type whose class file is not
 * a resource (a loader that defines classes without exposing them, a class generated at run time) is
 * looked up through the defining loader without initialisation instead: the very lookup the JVM makes
 * for it right after this transformer returns, so it takes the same locks in the same order. Answers
 * are memoised per class loader.
 */
final class TypeHierarchy {
    private static final int MAX_DEPTH = 64;
    private static final Object BOOTSTRAP = new Object();

    private final Set<String> roots;
    private final Map<Object, ConcurrentHashMap<String, String>> memo = new WeakHashMap<>();

    /** @param roots internal names whose subtypes are wanted */
    TypeHierarchy(Set<String> roots) {
        this.roots = roots;
    }

    /**
     * The root this class descends from (or is), or null.
     *
     * @param header the header of the class being loaded
     */
    String rootOf(ClassLoader loader, String internalName, ClassHeader header) {
        ConcurrentHashMap<String, String> known = memoFor(loader);
        return resolve(loader, internalName, header, known, 0);
    }

    private String resolve(ClassLoader loader, String name, ClassHeader header,
            ConcurrentHashMap<String, String> known, int depth) {
        if (roots.contains(name)) {
            return name;
        }
        String cached = known.get(name);
        if (cached != null) {
            return cached.isEmpty() ? null : cached;
        }
        String found = null;
        if (header != null && depth < MAX_DEPTH) {
            if (header.superName != null) {
                found = resolveName(loader, header.superName, known, depth + 1);
            }
            for (int i = 0; found == null && i < header.interfaces.length; i++) {
                found = resolveName(loader, header.interfaces[i], known, depth + 1);
            }
        }
        known.put(name, found == null ? "" : found);
        return found;
    }

    private String resolveName(ClassLoader loader, String name, ConcurrentHashMap<String, String> known,
            int depth) {
        if (roots.contains(name)) {
            return name;
        }
        if (name.equals("java/lang/Object")) {
            return null;
        }
        String cached = known.get(name);
        if (cached != null) {
            return cached.isEmpty() ? null : cached;
        }
        byte[] bytes = read(loader, name);
        if (bytes.length == 0 && loader != null) {
            String found = rootOfLoaded(loader, name);
            known.put(name, found == null ? "" : found);
            return found;
        }
        return resolve(loader, name, ClassHeader.parse(bytes), known, depth);
    }

    /** The root a super type with no class file resource descends from, through the loaded class. */
    private String rootOfLoaded(ClassLoader loader, String name) {
        Class<?> type;
        try {
            type = Class.forName(name.replace('/', '.'), false, loader);
        } catch (Throwable notLoadable) {
            return null;
        }
        return rootOf(type, 0);
    }

    private String rootOf(Class<?> type, int depth) {
        if (type == null || depth >= MAX_DEPTH) {
            return null;
        }
        String internal = type.getName().replace('.', '/');
        if (roots.contains(internal)) {
            return internal;
        }
        String found = rootOf(type.getSuperclass(), depth + 1);
        Class<?>[] interfaces = type.getInterfaces();
        for (int i = 0; found == null && i < interfaces.length; i++) {
            found = rootOf(interfaces[i], depth + 1);
        }
        return found;
    }

    private static byte[] read(ClassLoader loader, String name) {
        String resource = name + ".class";
        try (InputStream in = loader == null ? ClassLoader.getSystemResourceAsStream(resource)
                : loader.getResourceAsStream(resource)) {
            if (in == null) {
                return new byte[0];
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } catch (IOException | RuntimeException e) {
            return new byte[0];
        }
    }

    private ConcurrentHashMap<String, String> memoFor(ClassLoader loader) {
        Object key = loader == null ? BOOTSTRAP : loader;
        synchronized (memo) {
            ConcurrentHashMap<String, String> m = memo.get(key);
            if (m == null) {
                m = new ConcurrentHashMap<>();
                memo.put(key, m);
            }
            return m;
        }
    }
}
