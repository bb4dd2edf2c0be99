package dev.telemetryagent.instrument;

import dev.telemetryagent.config.AgentConfig;
import dev.telemetryagent.instrument.weave.ClassWeaver;
import dev.telemetryagent.record.MethodSite;
import java.io.IOException;
import java.io.InputStream;

/** Weaves a test class with the real advice and defines it in a fresh loader (for tests and benchmarks). */
public final class WeavingFixture {
    private WeavingFixture() {
    }

    /** The woven copy of {@code type}, defined in a child loader of the test loader. */
    public static Class<?> weave(AgentConfig config, Class<?> type) throws IOException {
        WeavePlan plan = WeavePlan.of(config, null);
        String internal = type.getName().replace('.', '/');
        byte[] original;
        try (InputStream in = type.getClassLoader().getResourceAsStream(internal + ".class")) {
            original = in.readAllBytes();
        }
        byte[] bytes = new ClassWeaver().weave(type.getClassLoader(), internal, original, plan.exact(internal),
                false);
        return new ClassLoader(type.getClassLoader()) {
            Class<?> define() {
                return defineClass(type.getName(), bytes, 0, bytes.length);
            }
        }.define();
    }

    /** The sites of a configuration, by id. */
    public static MethodSite[] sites(AgentConfig config) {
        return WeavePlan.of(config, null).sites();
    }
}
