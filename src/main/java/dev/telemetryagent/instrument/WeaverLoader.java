package dev.telemetryagent.instrument;

import dev.telemetryagent.logging.AgentLog;
import dev.telemetryagent.state.StateDirectory;
import java.io.File;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Gives the {@link Weaver}, loaded on the first class that must be woven and never before: a run whose
 * classes all come from the woven-class cache, or that instruments nothing, opens no jar and loads no
 * Byte Buddy. When the agent's jar carries the nested weaver jar ({@link NestedWeaverJar}), as the
 * packaged agent and a tool's jar that embeds it do, the weaver is loaded from there by its own class
 * loader whose parent is the agent's; otherwise (the agent's build classes, unit tests) it is one of the
 * agent's own classes.
 *
 * <p>It is loaded once, whichever thread asks first. If loading fails, one debug line says why and no
 * class is woven for the rest of the run: every class stays exactly as it was.
 */
final class WeaverLoader {
    private static final String WEAVER_CLASS = "dev.telemetryagent.instrument.weave.ClassWeaver";

    private final File agentJar;
    private final File cacheDir;
    private final ClassLoader agentLoader;
    private volatile Weaver weaver;
    /** Guarded by this; set before loading starts, so a class loaded by the loading itself gets null. */
    private boolean attempted;

    /**
     * @param agentJar the jar the agent runs from, or null when it runs from a directory
     * @param stateDir the state directory, under whose cache the nested jar is extracted
     */
    WeaverLoader(File agentJar, String stateDir) {
        this(agentJar, new File(stateDir, StateDirectory.CACHE_DIR), WeaverLoader.class.getClassLoader());
    }

    WeaverLoader(File agentJar, File cacheDir, ClassLoader agentLoader) {
        this.agentJar = agentJar;
        this.cacheDir = cacheDir;
        this.agentLoader = agentLoader;
    }

    /** The weaver, or null when it could not be loaded. */
    Weaver weaver() {
        Weaver w = weaver;
        if (w != null) {
            return w;
        }
        synchronized (this) {
            if (!attempted) {
                attempted = true;
                try {
                    weaver = load();
                } catch (Throwable t) {
                    if (AgentLog.isDebug()) {
                        AgentLog.get().debug("weaving is unavailable in this run; classes are left as they were", t);
                    }
                }
            }
            return weaver;
        }
    }

    private Weaver load() throws Exception {
        ClassLoader loader = agentLoader;
        if (agentJar != null) {
            try (JarFile jar = new JarFile(agentJar, false)) {
                JarEntry entry = jar.getJarEntry(NestedWeaverJar.ENTRY);
                if (entry != null) {
                    loader = NestedWeaverJar.open(jar, entry, cacheDir, agentLoader);
                }
            }
        }
        return (Weaver) Class.forName(WEAVER_CLASS, true, loader).getConstructor().newInstance();
    }
}
