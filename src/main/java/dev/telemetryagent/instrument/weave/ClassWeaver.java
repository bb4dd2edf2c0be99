package dev.telemetryagent.instrument.weave;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isBridge;
import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isNative;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.telemetryagent.instrument.Weaver;
import dev.telemetryagent.record.MethodSite;
import java.util.List;
import net.bytebuddy.ClassFileVersion;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.scaffold.TypeInitializer;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.implementation.auxiliary.AuxiliaryType;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.matcher.ElementMatcher;
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

    /** Instantiated reflectively by the loader. */
    public ClassWeaver() {
    }

    @Override
    public byte[] weave(ClassLoader loader, String internalName, byte[] original, List<MethodSite> sites,
            boolean weaveMain) {
        String binaryName = internalName.replace('/', '.');
        ClassFileLocator locator = new ClassFileLocator.Compound(
                ClassFileLocator.Simple.of(binaryName, original),
                loader == null ? ClassFileLocator.ForClassLoader.ofBootLoader() : ClassFileLocator.ForClassLoader.of(loader));
        TypePool pool = TypePool.Default.WithLazyResolution.of(locator);
        TypeDescription type = pool.describe(binaryName).resolve();
        AsmVisitorWrapper.ForDeclaredMethods visitor = new AsmVisitorWrapper.ForDeclaredMethods();
        boolean any = false;
        for (MethodSite site : sites) {
            ElementMatcher.Junction<MethodDescription> methods = weavable().and(named(site.method()));
            if (!matchesAny(type, methods)) {
                continue;
            }
            Class<?> adviceType = site.spec().picocli() ? PicocliAdvice.class : MethodAdvice.class;
            if (site.spec().picocli()) {
                methods = methods.and(takesArguments(String[].class)).and(returns(int.class));
                if (!matchesAny(type, methods)) {
                    continue;
                }
            }
            Advice advice = Advice.withCustomMapping().bind(MethodId.class, site.id())
                    .bind(HasSuccessRule.class, site.spec().success() != null)
                    .to(TypeDescription.ForLoadedType.of(adviceType), AGENT_CLASSES);
            visitor = visitor.method(methods, advice);
            any = true;
        }
        if (weaveMain) {
            ElementMatcher.Junction<MethodDescription> main = named("main").and(isStatic()).and(isPublic())
                    .and(takesArguments(String[].class));
            if (matchesAny(type, main)) {
                visitor = visitor.method(main, Advice.to(TypeDescription.ForLoadedType.of(MainArgumentsAdvice.class),
                        AGENT_CLASSES));
                any = true;
            }
        }
        if (!any) {
            return null;
        }
        // Advice applied straight to an ASM reader/writer pair: the same weaving as
        // ByteBuddy().redefine(..).visit(..), without the type-building machinery, which would
        // cost a cold JVM a few hundred more classes to load.
        ClassFileVersion version = ClassFileVersion.ofClassFile(original);
        int writerFlags = visitor.mergeWriter(0);
        int readerFlags = visitor.mergeReader(0);
        ClassReader reader = OpenedClassReader.of(original);
        ClassWriter writer = new ClassWriter(writerFlags);
        ClassVisitor woven = visitor.wrap(type, writer,
                Implementation.Context.Disabled.Factory.INSTANCE.make(type,
                        new AuxiliaryType.NamingStrategy.Suffixing("telemetry"), TypeInitializer.None.INSTANCE,
                        version, version, Implementation.Context.FrameGeneration.DISABLED), pool,
                type.getDeclaredFields(), type.getDeclaredMethods(), writerFlags, readerFlags);
        reader.accept(woven, readerFlags);
        return writer.toByteArray();
    }

    private static ElementMatcher.Junction<MethodDescription> weavable() {
        return not(isAbstract()).and(not(isNative())).and(not(isBridge())).and(not(isSynthetic()))
                .and(not(isConstructor()));
    }

    private static boolean matchesAny(TypeDescription type, ElementMatcher<? super MethodDescription> matcher) {
        return !type.getDeclaredMethods().filter(matcher).isEmpty();
    }
}
