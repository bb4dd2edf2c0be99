package dev.telemetryagent.instrument;

import dev.telemetryagent.bootstrap.Bridge;
import dev.telemetryagent.config.AgentConfig;
import dev.telemetryagent.record.Recorder;
import java.io.File;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;

/**
 * Wires instrumentation up: the recorder behind the bridge (and behind its bootstrap copy, should
 * {@link BridgeInjector} need one), and the transformer; with a late attach, classes already loaded
 * are retransformed.
 */
public final class Instrumenter {
    private final Recorder recorder;

    private Instrumenter(Recorder recorder) {
        this.recorder = recorder;
    }

    /**
     * Installs everything.
     *
     * @param mainClass the main class whose {@code main} must drop {@code --disable-telemetry}, or null
     * @param attachedLate whether classes already loaded must be retransformed
     * @param agentBuild identifies the agent build, for the woven-class cache
     * @param agentJar the jar the agent runs from (it carries the weaver), or null
     */
    public static Instrumenter install(Instrumentation inst, AgentConfig config, String mainClass,
            boolean attachedLate, String agentBuild, File agentJar) throws Exception {
        WeavePlan plan = WeavePlan.of(config, mainClass);
        Recorder recorder = new Recorder(plan.sites(), config.sender().maxEventsPerRun(),
                config.telemetry().errorDetails(), inst);
        Bridge.install(recorder);
        WeavingTransformer transformer = new WeavingTransformer(plan, config.telemetry().stateDir(), agentBuild,
                agentJar, inst, recorder);
        // A jar that starts the agent without Can-Retransform-Classes (a tool's own manifest) still gets
        // load-time weaving; only retransforming classes loaded earlier needs the capability.
        boolean retransform = inst.isRetransformClassesSupported();
        boolean retransformLoaded = attachedLate && retransform;
        transformer.retransformingLoaded(retransformLoaded);
        inst.addTransformer(transformer, retransform);
        if (retransformLoaded) {
            try {
                retransformLoaded(inst, plan, transformer);
            } finally {
                transformer.retransformingLoaded(false);
            }
        }
        transformer.retireIfAllDefined();
        return new Instrumenter(recorder);
    }

    private static void retransformLoaded(Instrumentation inst, WeavePlan plan, WeavingTransformer transformer) {
        List<Class<?>> targets = new ArrayList<>();
        for (Class<?> c : inst.getAllLoadedClasses()) {
            if (!inst.isModifiableClass(c) || c.isArray() || c.isPrimitive()) {
                continue;
            }
            String internal = c.getName().replace('.', '/');
            if (plan.isNamedTarget(internal) || (plan.hasSubtypeRoots() && isSubtypeOfRoot(c, plan))) {
                targets.add(c);
            }
        }
        if (targets.isEmpty()) {
            return;
        }
        try {
            // One call: every target switches to its woven code at the same safepoint.
            inst.retransformClasses(targets.toArray(new Class<?>[0]));
        } catch (Throwable batchFailed) {
            for (Class<?> c : targets) {
                try {
                    inst.retransformClasses(c);
                } catch (Throwable t) {
                    // A class that cannot be retransformed stays as it is.
                }
            }
        }
    }

    private static boolean isSubtypeOfRoot(Class<?> c, WeavePlan plan) {
        for (Class<?> t = c; t != null; t = t.getSuperclass()) {
            if (plan.subtypeRoots().containsKey(t.getName().replace('.', '/'))) {
                return true;
            }
            for (Class<?> i : t.getInterfaces()) {
                if (implementsRoot(i, plan)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean implementsRoot(Class<?> i, WeavePlan plan) {
        if (plan.subtypeRoots().containsKey(i.getName().replace('.', '/'))) {
            return true;
        }
        for (Class<?> s : i.getInterfaces()) {
            if (implementsRoot(s, plan)) {
                return true;
            }
        }
        return false;
    }

    /** The recorder behind the bridge. */
    public Recorder recorder() {
        return recorder;
    }
}
