package dev.telemetryagent.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telemetryagent.config.ConfigReader;
import java.io.InputStream;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The transformer with and without a weaver (on picocli's command line: the agent's own classes are skipped). */
class WeavingTransformerTest {
    private static final String INTERNAL = "picocli/CommandLine";

    @TempDir
    Path state;

    private WeavingTransformer transformer(WeaverLoader weavers) throws Exception {
        WeavePlan plan = WeavePlan.of(new ConfigReader("/tmp").read("t.toml", "[app]\nname = \"t\"\n[[instrument]]\n"
                + "picocli = true\n"), null);
        return new WeavingTransformer(plan, state.toString(), "build-1", weavers, new BridgeInjector(null, null, null));
    }

    private byte[] transform(WeavingTransformer t) throws Exception {
        byte[] original;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(INTERNAL + ".class")) {
            original = in.readAllBytes();
        }
        return t.transform(getClass().getClassLoader(), INTERNAL, null, null, original);
    }

    @Test
    void withoutAWeaverTheClassIsLeftAsItWasAndNothingIsCached() throws Exception {
        WeaverLoader unavailable = new WeaverLoader(state.resolve("missing.jar").toFile(), state.toFile(),
                new WeaverLoaderTest.PackagedAgentLoader());
        assertNull(transform(transformer(unavailable)));
        assertNull(state.resolve("cache/classes").toFile().list(), "no entry saying 'leave it unchanged'");

        WeaverLoader own = new WeaverLoader(null, state.toFile(), getClass().getClassLoader());
        assertNotNull(transform(transformer(own)), "a later run with a weaver weaves the class");
        assertEquals(1, state.resolve("cache/classes").toFile().list().length);
    }

    @Test
    void aClassWhoseLoaderCannotReachAnyBridgeIsLeftAsItWas() throws Exception {
        WeavePlan plan = WeavePlan.of(new ConfigReader("/tmp").read("t.toml", "[app]\nname = \"t\"\n[[instrument]]\n"
                + "picocli = true\n"), null);
        // No Instrumentation: the bootstrap copy cannot be made.
        WeavingTransformer t = new WeavingTransformer(plan, state.toString(), "build-1",
                new WeaverLoader(null, state.toFile(), getClass().getClassLoader()), new BridgeInjector(null, null, null));
        byte[] original;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(INTERNAL + ".class")) {
            original = in.readAllBytes();
        }
        ClassLoader platformChild = new ClassLoader(ClassLoader.getPlatformClassLoader()) {
        };
        assertNull(t.transform(platformChild, INTERNAL, null, null, original));
        assertNotNull(t.transform(getClass().getClassLoader(), INTERNAL, null, null, original));
    }

    @Test
    void loadersBelowTheAgentsLoaderUseTheAgentsOwnBridgeOthersNeedTheBootstrapCopy() throws Exception {
        WeavingTransformer t = transformer(new WeaverLoader(null, state.toFile(), getClass().getClassLoader()));
        ClassLoader agent = getClass().getClassLoader();
        assertTrue(t.delegatesToAgent(agent));
        assertTrue(t.delegatesToAgent(new ClassLoader(new ClassLoader(agent) {
        }) {
        }));
        assertFalse(t.delegatesToAgent(null));
        assertFalse(t.delegatesToAgent(ClassLoader.getPlatformClassLoader()));
        assertFalse(t.delegatesToAgent(new ClassLoader(null) {
        }));
    }

    /** An Instrumentation that only records which transformers were removed. */
    private static Instrumentation removals(List<Object> removed) {
        return (Instrumentation) Proxy.newProxyInstance(Instrumentation.class.getClassLoader(),
                new Class<?>[] {Instrumentation.class}, (proxy, method, args) -> {
                    if (method.getName().equals("removeTransformer")) {
                        removed.add(args[0]);
                        return true;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static byte[] bytesOf(Class<?> c) throws Exception {
        try (InputStream in = c.getClassLoader().getResourceAsStream(c.getName().replace('.', '/') + ".class")) {
            return in.readAllBytes();
        }
    }

    private WeavingTransformer withInstrumentation(String instruments, List<Object> removed) throws Exception {
        WeavePlan plan = WeavePlan.of(new ConfigReader("/tmp").read("t.toml", "[app]\nname = \"t\"\n" + instruments),
                null);
        return new WeavingTransformer(plan, state.toString(), "build-1", null, removals(removed), null);
    }

    private static void define(WeavingTransformer t, Class<?> c) throws Exception {
        t.transform(c.getClassLoader(), c.getName().replace('.', '/'), null, null, bytesOf(c));
    }

    @Test
    void theTransformerRemovesItselfOnceEveryNamedClassIsDefined() throws Exception {
        List<Object> removed = new ArrayList<>();
        WeavingTransformer t = withInstrumentation("[[instrument]]\nclass = \"picocli.CommandLine\"\n"
                + "methods = [\"execute\"]\n[[instrument]]\nclass = \"picocli.CommandLine$Help\"\n"
                + "methods = [\"fullSynopsis\"]\n", removed);
        define(t, CommandLine.Model.CommandSpec.class);
        define(t, CommandLine.class);
        assertTrue(removed.isEmpty(), "one named class is still to come");
        define(t, CommandLine.Help.class);
        assertEquals(List.of(t), removed);
        define(t, CommandLine.Help.class);
        t.retireIfAllDefined();
        assertEquals(1, removed.size(), "removed once");
    }

    @Test
    void aRetransformationLeavesTheRemovalToWhoeverAskedForIt() throws Exception {
        List<Object> removed = new ArrayList<>();
        WeavingTransformer t = withInstrumentation("[[instrument]]\nclass = \"picocli.CommandLine\"\n"
                + "methods = [\"execute\"]\n", removed);
        t.transform(CommandLine.class.getClassLoader(), INTERNAL, CommandLine.class, null,
                bytesOf(CommandLine.class));
        assertTrue(removed.isEmpty());
        t.retireIfAllDefined();
        assertEquals(List.of(t), removed);
    }

    @Test
    void whileALateAttachRetransformsEarlierClassesALoadTimeDefinitionDoesNotRemoveIt() throws Exception {
        List<Object> removed = new ArrayList<>();
        WeavingTransformer t = withInstrumentation("[[instrument]]\nclass = \"picocli.CommandLine\"\n"
                + "methods = [\"execute\"]\n", removed);
        t.retransformingLoaded(true);
        define(t, CommandLine.class);
        assertTrue(removed.isEmpty(), "the retransformation of earlier classes is still under way");
        t.retransformingLoaded(false);
        t.retireIfAllDefined();
        assertEquals(List.of(t), removed);
    }

    @Test
    void withSubtypeEntriesTheTransformerStays() throws Exception {
        List<Object> removed = new ArrayList<>();
        WeavingTransformer t = withInstrumentation("[[instrument]]\nclass = \"picocli.CommandLine\"\n"
                + "methods = [\"execute\"]\nsubtypes = true\n", removed);
        define(t, CommandLine.class);
        t.retireIfAllDefined();
        assertTrue(removed.isEmpty());
    }

    @Test
    void aPlanThatNamesNoClassNeedsNoTransformer() throws Exception {
        List<Object> removed = new ArrayList<>();
        WeavingTransformer t = withInstrumentation("", removed);
        t.retireIfAllDefined();
        assertEquals(List.<Object>of(t), removed);
    }
}
