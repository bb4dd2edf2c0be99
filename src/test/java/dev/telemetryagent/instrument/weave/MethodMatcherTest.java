package dev.telemetryagent.instrument.weave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;
import org.junit.jupiter.api.Test;

/** Which declared methods each of the three shapes takes, on types described from class files as in a weave. */
class MethodMatcherTest {
    /** Methods of every kind the matcher must tell apart. */
    abstract static class Shapes implements Comparable<Shapes> {
        Shapes() {
        }

        public static void main(String[] args) {
        }

        static void main(String[] args, int extra) {
        }

        public void main(String[] args, boolean instance) {
        }

        public int execute(String... args) {
            return 0;
        }

        public Object execute(Object[] args) {
            return null;
        }

        void run() {
        }

        void run(int times) {
        }

        abstract void run(String abstractOne);

        native void run(long nativeOne);

        @Override
        public int compareTo(Shapes other) {
            return 0;
        }

        Runnable lambda() {
            return () -> { };
        }
    }

    private static TypeDescription describe(Class<?> type) {
        return TypePool.Default.of(ClassFileLocator.ForClassLoader.of(type.getClassLoader()))
                .describe(type.getName()).resolve();
    }

    private static List<String> matched(MethodMatcher matcher) {
        List<String> out = new ArrayList<>();
        for (MethodDescription m : describe(Shapes.class).getDeclaredMethods()) {
            if (matcher.matches(m)) {
                out.add(m.getInternalName() + m.getDescriptor());
            }
        }
        return out;
    }

    @Test
    void aConfiguredNameTakesEveryOverloadWithCodeButNoAbstractNativeOrConstructor() {
        assertEquals(List.of("run()V", "run(I)V"), matched(MethodMatcher.named("run")));
        assertEquals(List.of(), matched(MethodMatcher.named("<init>")));
    }

    @Test
    void bridgesAndSyntheticMethodsNeverMatch() {
        assertEquals(List.of("compareTo(Ldev/telemetryagent/instrument/weave/MethodMatcherTest$Shapes;)I"),
                matched(MethodMatcher.named("compareTo")), "the bridge compareTo(Object) is left out");
        int lambdas = 0;
        for (MethodDescription m : describe(Shapes.class).getDeclaredMethods()) {
            if (m.getInternalName().startsWith("lambda$")) {
                lambdas++;
                assertFalse(MethodMatcher.named(m.getInternalName()).matches(m), "synthetic " + m);
            }
        }
        assertEquals(1, lambdas, "the fixture's lambda body is a synthetic method");
    }

    @Test
    void picocliTakesOnlyIntExecuteOfStrings() {
        assertEquals(List.of("execute([Ljava/lang/String;)I"), matched(MethodMatcher.picocliExecute("execute")));
    }

    @Test
    void mainIsThePublicStaticOneTakingStrings() {
        assertEquals(List.of("main([Ljava/lang/String;)V"), matched(MethodMatcher.main()));
    }

    @Test
    void matchesAnyOfTellsWhetherATypeHasAMatch() {
        TypeDescription shapes = describe(Shapes.class);
        assertTrue(MethodMatcher.named("lambda").matchesAnyOf(shapes.getDeclaredMethods()));
        assertFalse(MethodMatcher.named("absent").matchesAnyOf(shapes.getDeclaredMethods()));
    }
}
