package dev.telemetryagent.instrument;

import dev.telemetryagent.bootstrap.Bridge;
import dev.telemetryagent.bootstrap.BridgeSink;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.security.ProtectionDomain;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Gives woven classes whose class loader cannot see the agent a copy of {@link Bridge} in the
 * bootstrap class loader, which every loader reaches.
 *
 * <p>Woven code names {@code dev.telemetryagent.bootstrap.Bridge}, and most woven classes (the
 * application's, Spring Boot's nested jars, any loader below the application loader) resolve it to
 * the agent's own copy, which the agent jar, appended to the application class path, provides. A
 * class in a loader whose parent is the platform or bootstrap loader would not find it, so before the
 * first such class is woven the bridge, its sink interface and
 * {@link dev.telemetryagent.bootstrap.ForeignSink} are defined in the bootstrap loader, and the copy's
 * sink ({@code ForeignSink}) forwards to the recorder. That costs about 4 ms (opening
 * {@code jdk.internal.misc} through {@link Instrumentation#redefineModule} spins JDK lambdas), so runs
 * that need no copy never pay it. That package is opened to this class's module: the unnamed module of
 * the agent's own class loader ({@link dev.telemetryagent.AgentClassLoader}), not the application's
 * class path (which is this class's loader only when the agent runs from the build's classes). It uses
 * the JDK's internal {@code Unsafe.defineClass} rather than appending a jar to the bootstrap class
 * path, which would cost the application its class data sharing, or {@code sun.misc.Unsafe}, which
 * warns on recent JDKs.
 */
final class BridgeInjector {
    /** In definition order: an interface before its implementation. By name, loading none of them here. */
    private static final String[] CLASSES = {
        "dev.telemetryagent.bootstrap.BridgeSink", "dev.telemetryagent.bootstrap.Bridge",
        "dev.telemetryagent.bootstrap.ForeignSink",
    };

    private final Instrumentation inst;
    private final File agentJar;
    private final BridgeSink sink;
    private final ClassLoader agentLoader = BridgeInjector.class.getClassLoader();
    /** Guarded by this: null until the first attempt, then whether the copy is in place. */
    private Boolean injected;

    /**
     * @param agentJar the jar the bridge's class files are read from, or null (then the agent's loader)
     * @param sink what the bootstrap copy forwards to
     */
    BridgeInjector(Instrumentation inst, File agentJar, BridgeSink sink) {
        this.inst = inst;
        this.agentJar = agentJar;
        this.sink = sink;
    }

    /**
     * Puts the bootstrap copy in place on first need. False when that failed, or when the bootstrap
     * loader already had a bridge that is not this agent's: the class is then left unwoven.
     */
    synchronized boolean bootstrapCopy() {
        if (injected == null) {
            try {
                injected = inject();
            } catch (Throwable t) {
                injected = Boolean.FALSE;
            }
        }
        return injected;
    }

    private boolean inject() throws Exception {
        if (bootstrapHas(CLASSES[1])) {
            return false;
        }
        Module javaBase = Object.class.getModule();
        Map<String, Set<Module>> opens = Collections.singletonMap("jdk.internal.misc",
                Collections.singleton(BridgeInjector.class.getModule()));
        inst.redefineModule(javaBase, Collections.<Module>emptySet(), Collections.<String, Set<Module>>emptyMap(),
                opens, Collections.<Class<?>>emptySet(), Collections.<Class<?>, List<Class<?>>>emptyMap());
        Class<?> unsafeType = Class.forName("jdk.internal.misc.Unsafe");
        Object unsafe = unsafeType.getMethod("getUnsafe").invoke(null);
        Method define = unsafeType.getMethod("defineClass", String.class, byte[].class, int.class, int.class,
                ClassLoader.class, ProtectionDomain.class);
        JarFile jar = agentJar == null ? null : new JarFile(agentJar, false);
        try {
            for (String name : CLASSES) {
                byte[] bytes = classBytes(jar, name);
                define.invoke(unsafe, name, bytes, 0, bytes.length, null, null);
            }
        } finally {
            if (jar != null) {
                jar.close();
            }
        }
        Class<?> bootSink = Class.forName(CLASSES[0], false, null);
        Object forwarder = Class.forName(CLASSES[2], false, null)
                .getConstructor(MethodHandle[].class).newInstance((Object) handles(sink));
        Class.forName(CLASSES[1], false, null).getMethod("install", bootSink).invoke(null, forwarder);
        return true;
    }

    /** The sink's methods bound to it, in the order {@link dev.telemetryagent.bootstrap.ForeignSink} takes them. */
    static MethodHandle[] handles(BridgeSink sink) throws ReflectiveOperationException {
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        Class<?> s = BridgeSink.class;
        return new MethodHandle[] {
            lookup.findVirtual(s, "enter", MethodType.methodType(long.class, int.class)).bindTo(sink),
            lookup.findVirtual(s, "detailed", MethodType.methodType(boolean.class)).bindTo(sink),
            lookup.findVirtual(s, "exit", MethodType.methodType(void.class, int.class, long.class, Object.class,
                    Object[].class, Object.class, Throwable.class)).bindTo(sink),
            lookup.findVirtual(s, "exitCounted", MethodType.methodType(void.class, int.class, long.class,
                    Object.class, Object.class, Throwable.class)).bindTo(sink),
            lookup.findVirtual(s, "exitNested", MethodType.methodType(void.class, int.class)).bindTo(sink),
            lookup.findVirtual(s, "exitCommand", MethodType.methodType(void.class, long.class, List.class,
                    List.class, List.class, int.class, Throwable.class)).bindTo(sink),
            lookup.findVirtual(s, "commandFailed", MethodType.methodType(void.class, Throwable.class, Class.class,
                    List.class, List.class, List.class)).bindTo(sink),
        };
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
    private byte[] classBytes(JarFile jar, String name) throws IOException {
        String resource = name.replace('.', '/') + ".class";
        JarEntry entry = jar == null ? null : jar.getJarEntry(resource);
        try (InputStream in = entry != null ? jar.getInputStream(entry)
                : agentLoader == null ? ClassLoader.getSystemResourceAsStream(resource)
                : agentLoader.getResourceAsStream(resource)) {
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
