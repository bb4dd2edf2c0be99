package dev.telemetryagent.instrument.weave;

import dev.telemetryagent.instrument.Weaver;
import dev.telemetryagent.record.MethodSite;
import java.util.List;
import net.bytebuddy.ClassFileVersion;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodList;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.scaffold.TypeInitializer;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.implementation.auxiliary.AuxiliaryType;
import net.bytebuddy.implementation.bytecode.constant.IntegerConstant;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.utility.OpenedClassReader;

/**
 * Weaves advice into one class's bytes with Byte Buddy. Only this package touches Byte Buddy; in the
 * packaged agent both live in a nested jar that {@code WeaverLoader} opens
 * on the first class that needs weaving, so a run that weaves nothing never reads them.
 */
public final class ClassWeaver implements Weaver {
    private static final ClassFileLocator AGENT_CLASSES = ClassFileLocator.ForClassLoader.of(
            ClassWeaver.class.getClassLoader());

    /**
     * The advice classes described from their class files, not by reflection: reflection on their
     * annotations would have the JDK generate an annotation proxy class for each.
     */
    private final TypePool advicePool = TypePool.Default.of(AGENT_CLASSES);

    /** Instantiated reflectively by the loader. */
    public ClassWeaver() {
    }

    @Override
    public byte[] weave(ClassLoader loader, String internalName, byte[] original, List<MethodSite> sites,
            boolean weaveMain) {
        String binaryName = internalName.replace('/', '.');
        ClassFileLocator locator = new ClassFileLocator.Compound(
                ClassFileLocator.Simple.of(binaryName, original),
                loader == null ? ClassFileLocator.ForClassLoader.ofBootLoader()
                        : ClassFileLocator.ForClassLoader.of(loader));
        TypePool pool = TypePool.Default.WithLazyResolution.of(locator);
        TypeDescription type = pool.describe(binaryName).resolve();
        MethodList<?> declared = type.getDeclaredMethods();
        AsmVisitorWrapper.ForDeclaredMethods visitor = new AsmVisitorWrapper.ForDeclaredMethods();
        boolean any = false;
        for (MethodSite site : sites) {
            boolean picocli = site.spec().picocli();
            MethodMatcher methods = picocli ? MethodMatcher.picocliExecute(site.method())
                    : MethodMatcher.named(site.method());
            if (!methods.matchesAnyOf(declared)) {
                continue;
            }
            Advice advice = Advice.withCustomMapping()
                    .bind(MethodId.class, IntegerConstant.forValue(site.id()), int.class)
                    .bind(HasSuccessRule.class, IntegerConstant.forValue(site.spec().success() != null), boolean.class)
                    .bind(ReadsValues.class, IntegerConstant.forValue(readsValues(site)), boolean.class)
                    .to(advice(picocli ? PicocliAdvice.class : MethodAdvice.class), AGENT_CLASSES);
            visitor = visitor.method(methods, advice);
            any = true;
            if (picocli) {
                visitor = withFailureAdvice(visitor, declared);
            }
        }
        if (weaveMain) {
            MethodMatcher main = MethodMatcher.main();
            if (main.matchesAnyOf(declared)) {
                visitor = visitor.method(main, Advice.to(advice(MainArgumentsAdvice.class), AGENT_CLASSES));
                any = true;
            }
        }
        if (!any) {
            return null;
        }
        // Advice applied straight to an ASM reader/writer pair: the same weaving as
        // ByteBuddy().redefine(..).visit(..), without the type-building machinery, which would
        // cost a cold JVM a few hundred more classes to load. The writer starts from the reader's
        // constant pool, so the methods without advice are copied as they are, not rebuilt.
        ClassFileVersion version = ClassFileVersion.ofClassFile(original);
        int writerFlags = visitor.mergeWriter(0);
        int readerFlags = visitor.mergeReader(0);
        ClassReader reader = OpenedClassReader.of(original);
        ClassWriter writer = new ClassWriter(reader, writerFlags);
        ClassVisitor woven = visitor.wrap(type, writer,
                Implementation.Context.Disabled.Factory.INSTANCE.make(type,
                        new AuxiliaryType.NamingStrategy.Suffixing("telemetry"), TypeInitializer.None.INSTANCE,
                        version, version, Implementation.Context.FrameGeneration.DISABLED), pool,
                type.getDeclaredFields(), declared, writerFlags, readerFlags);
        reader.accept(woven, readerFlags);
        return writer.toByteArray();
    }

    /**
     * Advice on the picocli methods whose failures {@code execute} hands to its exception handlers, so
     * that a handled failure reaches the command's event; each applies where this picocli has it.
     */
    private AsmVisitorWrapper.ForDeclaredMethods withFailureAdvice(AsmVisitorWrapper.ForDeclaredMethods visitor,
            MethodList<?> declared) {
        AsmVisitorWrapper.ForDeclaredMethods out = visitor;
        MethodMatcher[] thrownFrom = {
            MethodMatcher.withParameters("parseArgs", "([Ljava/lang/String;)"),
            MethodMatcher.withParameters("executeUserObject", "(Lpicocli/CommandLine;Ljava/util/List;)"),
        };
        // One advice for both methods: building an Advice reads and resolves its class (a few ms on a
        // first run, interpreted).
        Advice failureAdvice = null;
        for (MethodMatcher m : thrownFrom) {
            if (m.matchesAnyOf(declared)) {
                if (failureAdvice == null) {
                    failureAdvice = Advice.to(advice(PicocliFailureAdvice.class), AGENT_CLASSES);
                }
                out = out.method(m, failureAdvice);
            }
        }
        MethodMatcher unhandled = MethodMatcher.withParameters("handleUnhandled",
                "(Ljava/lang/Exception;Lpicocli/CommandLine;I)");
        if (unhandled.matchesAnyOf(declared)) {
            out = out.method(unhandled, Advice.to(advice(PicocliUnhandledAdvice.class), AGENT_CLASSES));
        }
        return out;
    }

    /** Whether a recorded call of the site needs the object, the arguments and the return value. */
    private static boolean readsValues(MethodSite site) {
        return site.spec().success() != null || !site.spec().hashes().isEmpty()
                || !site.spec().properties().isEmpty();
    }

    private TypeDescription advice(Class<?> adviceType) {
        return advicePool.describe(adviceType.getName()).resolve();
    }
}
