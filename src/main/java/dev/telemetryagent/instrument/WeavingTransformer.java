package dev.telemetryagent.instrument;

import dev.telemetryagent.bootstrap.Bridge;
import dev.telemetryagent.bootstrap.BridgeSink;
import dev.telemetryagent.logging.AgentLog;
import dev.telemetryagent.record.MethodSite;
import java.io.File;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The agent's class file transformer. Matching is by name: a class that is not a configured target
 * costs a hash lookup (plus, only when an entry asks for subtypes, a read of its class file header).
 * Only matching classes reach Byte Buddy, and only those the woven-class cache cannot serve load it
 * (through {@link WeaverLoader}). A class whose loader cannot see the agent is woven only once
 * {@link BridgeInjector} has given it a bridge it can reach. Any failure leaves the class exactly as it
 * was.
 *
 * <p>When the plan names its classes (no entry asks for subtypes), the transformer removes itself once
 * each of them has come through it (woven, or left as it was because it could not be): while any
 * transformer is installed the JVM copies every class file it defines into an array for it, a cost to
 * every class of the run. A class of the same name that is defined after that (by another loader, or
 * again after a failed definition) is not woven, and a retransformation that another agent asks for
 * afterwards gives the class back its original code.
 */
public final class WeavingTransformer implements ClassFileTransformer {
    private static final String AGENT_PACKAGE = "dev/telemetryagent/";

    private final WeavePlan plan;
    private final TypeHierarchy hierarchy;
    private final WovenClassCache cache;
    private final String stateDir;
    private final File agentJar;
    private final Instrumentation inst;
    private final BridgeSink sink;
    private final ClassLoader agentLoader = Bridge.class.getClassLoader();
    /** Named classes not yet defined; null when subtypes are targets too, so that the transformer stays. */
    private final Set<String> undefinedTargets;
    /** Guarded by this; not an AtomicBoolean, which on JDK 17 loads VarHandle classes in premain. */
    private boolean retired;
    /** Set while a late attach retransforms the classes loaded before it: they are still to come. */
    private volatile boolean retransformingLoaded;
    /** Both made on first need: a warm run of classes from the application's loaders needs neither. */
    private WeaverLoader weavers;
    private BridgeInjector bridge;

    /**
     * @param plan what to weave where
     * @param stateDir where woven bytes are cached between runs
     * @param agentBuild identifies the agent build (woven bytes depend on its advice)
     * @param agentJar the jar the agent runs from (it carries the weaver), or null
     * @param sink the recorder, for the bridge's bootstrap copy should a class need it
     */
    WeavingTransformer(WeavePlan plan, String stateDir, String agentBuild, File agentJar, Instrumentation inst,
            BridgeSink sink) {
        this.plan = plan;
        this.hierarchy = plan.hasSubtypeRoots() ? new TypeHierarchy(plan.subtypeRoots().keySet()) : null;
        this.cache = new WovenClassCache(stateDir, plan.fingerprint() + "|" + agentBuild + "|"
                + System.getProperty("java.vm.version"));
        this.stateDir = stateDir;
        this.agentJar = agentJar;
        this.inst = inst;
        this.sink = sink;
        Set<String> named = plan.namedTargetsOnly();
        if (named == null) {
            this.undefinedTargets = null;
        } else {
            this.undefinedTargets = ConcurrentHashMap.newKeySet();
            this.undefinedTargets.addAll(named);
        }
    }

    /** With a given weaver loader and bridge injector (tests). */
    WeavingTransformer(WeavePlan plan, String stateDir, String agentBuild, WeaverLoader weavers,
            BridgeInjector bridge) {
        this(plan, stateDir, agentBuild, null, null, null);
        this.weavers = weavers;
        this.bridge = bridge;
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
            ProtectionDomain protectionDomain, byte[] classfileBuffer) {
        if (className == null || className.startsWith(AGENT_PACKAGE)) {
            return null;
        }
        try {
            List<MethodSite> sites = sitesFor(loader, className, classfileBuffer);
            boolean main = className.equals(plan.mainClass());
            if (sites.isEmpty() && !main) {
                return null;
            }
            try {
                return weave(loader, className, classfileBuffer, sites, main);
            } finally {
                if (undefinedTargets != null) {
                    undefinedTargets.remove(className);
                    // A retransformation is finished by whoever asked for it (see retireIfAllDefined).
                    if (classBeingRedefined == null && !retransformingLoaded) {
                        retireIfAllDefined();
                    }
                }
            }
        } catch (Throwable t) {
            AgentLog.get().debug("left {} as it was", className.replace('/', '.'), t);
            return null;
        }
    }

    /** The woven bytes, from the cache or the weaver; null leaves the class as it is. */
    private byte[] weave(ClassLoader loader, String className, byte[] classfileBuffer, List<MethodSite> sites,
            boolean main) {
        if (!delegatesToAgent(loader) && !bridge().bootstrapCopy()) {
            return null;
        }
        byte[] cached = cache.get(className, classfileBuffer);
        if (cached != null) {
            return WovenClassCache.isUnchanged(cached) ? null : cached;
        }
        Weaver weaver = weavers().weaver();
        if (weaver == null) {
            return null;
        }
        byte[] woven = weaver.weave(loader, className, classfileBuffer, sites, main);
        cache.put(className, classfileBuffer, woven);
        if (woven != null && AgentLog.isDebug()) {
            AgentLog.get().debug("instrumented {}", className.replace('/', '.'));
        }
        return woven;
    }

    /**
     * Holds the removal back while a late attach retransforms the classes loaded before it, so that a
     * target another thread defines meanwhile cannot remove the transformer before those pass through.
     */
    void retransformingLoaded(boolean underway) {
        retransformingLoaded = underway;
    }

    /**
     * Removes this transformer, once, when every class the plan names has been defined. Called after
     * each load-time definition of a named class, and by {@link Instrumenter} after it has retransformed
     * the classes loaded before a late attach.
     */
    void retireIfAllDefined() {
        if (undefinedTargets != null && undefinedTargets.isEmpty() && inst != null
                && retire()) {
            inst.removeTransformer(this);
            if (AgentLog.isDebug()) {
                AgentLog.get().debug("every configured class is defined; the transformer is removed");
            }
        }
    }

    /** True for the one caller that retires the transformer. */
    private synchronized boolean retire() {
        if (retired) {
            return false;
        }
        retired = true;
        return true;
    }

    /**
     * Whether woven code of a class defined by {@code loader} reaches the agent's own bridge: when the
     * loader is the agent's or has it among its parents. Other classes need the bridge's bootstrap copy.
     */
    boolean delegatesToAgent(ClassLoader loader) {
        try {
            for (ClassLoader l = loader; l != null; l = l.getParent()) {
                if (l == agentLoader) {
                    return true;
                }
            }
        } catch (RuntimeException e) {
            // A parent the security manager hides: take the bootstrap copy.
        }
        return false;
    }

    private synchronized WeaverLoader weavers() {
        if (weavers == null) {
            weavers = new WeaverLoader(agentJar, stateDir);
        }
        return weavers;
    }

    private synchronized BridgeInjector bridge() {
        if (bridge == null) {
            bridge = new BridgeInjector(inst, agentJar, sink);
        }
        return bridge;
    }

    /** The sites whose methods this class may declare. */
    List<MethodSite> sitesFor(ClassLoader loader, String className, byte[] bytes) {
        List<MethodSite> named = plan.exact(className);
        if (hierarchy == null || loader == null || isPlatformClass(className)) {
            return named;
        }
        ClassHeader header = ClassHeader.parse(bytes);
        if (header == null) {
            return named;
        }
        String root = hierarchy.rootOf(loader, className, header);
        if (root == null || root.equals(className)) {
            return named;
        }
        List<MethodSite> all = new ArrayList<>(named);
        for (Map.Entry<String, List<MethodSite>> e : plan.subtypeRoots().entrySet()) {
            if (e.getKey().equals(root)) {
                all.addAll(e.getValue());
            }
        }
        return all;
    }

    private static boolean isPlatformClass(String className) {
        return className.startsWith("java/") || className.startsWith("javax/") || className.startsWith("jdk/")
                || className.startsWith("sun/") || className.startsWith("com/sun/");
    }
}
