package dev.telemetryagent.instrument;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.security.ProtectionDomain;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Defines {@code dev.telemetryagent.bootstrap.Bridge} and its sink interface in the bootstrap class
 * loader, so woven code in any class loader can reach the agent. It uses the JDK's internal
 * {@code Unsafe.defineClass} (opened to the agent through {@link Instrumentation#redefineModule})
 * rather than appending a jar to the bootstrap class path, which would cost the application its class
 * data sharing, or {@code sun.misc.Unsafe}, which warns on recent JDKs.
 */
public final class BridgeInjector {
    private static final String[] CLASSES = {
        "dev.telemetryagent.bootstrap.BridgeSink",
        "dev.telemetryagent.bootstrap.Bridge",
    };

    private BridgeInjector() {
    }

    /**
     * Injects the bridge unless the bootstrap loader already has it (a second agent, a dynamic attach).
     * Must run before any class that implements or verifies against {@code BridgeSink} is loaded, or the
     * application loader would define its own copy first; hence it is called straight from startup.
     *
     * @return false when the bridge was there already: another copy of the agent is active in this JVM
     *     (embedded in the tool and given with -javaagent, or twice through JAVA_TOOL_OPTIONS)
     */
    public static boolean inject(Instrumentation inst, File agentJar) throws Exception {
        if (bootstrapHas(CLASSES[CLASSES.length - 1])) {
            return false;
        }
        Module javaBase = Object.class.getModule();
        Module agent = BridgeInjector.class.getModule();
        Map<String, Set<Module>> opens = Collections.singletonMap("jdk.internal.misc", Collections.singleton(agent));
        inst.redefineModule(javaBase, Collections.<Module>emptySet(), Collections.<String, Set<Module>>emptyMap(),
                opens, Collections.<Class<?>>emptySet(), Collections.<Class<?>, java.util.List<Class<?>>>emptyMap());
        Class<?> unsafeType = Class.forName("jdk.internal.misc.Unsafe");
        Object unsafe = unsafeType.getMethod("getUnsafe").invoke(null);
        Method define = unsafeType.getMethod("defineClass", String.class, byte[].class, int.class, int.class,
                ClassLoader.class, ProtectionDomain.class);
        JarFile jar = agentJar == null ? null : new JarFile(agentJar, false);
        try {
            for (String name : CLASSES) {
                if (bootstrapHas(name)) {
                    continue;
                }
                byte[] bytes = classBytes(jar, name);
                define.invoke(unsafe, name, bytes, 0, bytes.length, null, null);
            }
        } finally {
            if (jar != null) {
                jar.close();
            }
        }
        return true;
    }

    private static boolean bootstrapHas(String name) {
        try {
            Class.forName(name, false, null);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /**
     * The class file, read straight from the agent jar when it is known: a class loader resource lookup
     * costs several milliseconds more (URL handlers, the runtime image reader).
     */
    private static byte[] classBytes(JarFile jar, String name) throws IOException {
        String resource = name.replace('.', '/') + ".class";
        ClassLoader loader = BridgeInjector.class.getClassLoader();
        JarEntry entry = jar == null ? null : jar.getJarEntry(resource);
        try (InputStream in = entry != null ? jar.getInputStream(entry)
                : loader == null ? ClassLoader.getSystemResourceAsStream(resource)
                : loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("missing " + resource);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
            byte[] buf = new byte[4096];
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        }
    }
}
