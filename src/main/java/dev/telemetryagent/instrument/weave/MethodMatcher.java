package dev.telemetryagent.instrument.weave;

import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Which declared methods of a class get advice: one class for the three shapes the agent weaves, in
 * place of a tree of Byte Buddy's composed matchers (each a class a cold run would load). Constructors,
 * type initialisers and abstract, native, bridge and synthetic methods never match.
 */
final class MethodMatcher implements ElementMatcher<MethodDescription> {
    private static final String STRING_ARRAY_PARAMETER = "([Ljava/lang/String;)";

    private final String name;
    private final String descriptorPrefix;
    private final boolean publicStatic;

    private MethodMatcher(String name, String descriptorPrefix, boolean publicStatic) {
        this.name = name;
        this.descriptorPrefix = descriptorPrefix;
        this.publicStatic = publicStatic;
    }

    /** Every method of this name, whatever its parameters (a configured {@code methods} entry). */
    static MethodMatcher named(String name) {
        return new MethodMatcher(name, "", false);
    }

    /** Picocli's {@code int execute(String...)} of this name. */
    static MethodMatcher picocliExecute(String name) {
        return new MethodMatcher(name, STRING_ARRAY_PARAMETER + "I", false);
    }

    /** A method of this name whose parameters start as given ({@code descriptorPrefix}, e.g. {@code "(I"}). */
    static MethodMatcher withParameters(String name, String descriptorPrefix) {
        return new MethodMatcher(name, descriptorPrefix, false);
    }

    /** The application's {@code public static main(String[])}. */
    static MethodMatcher main() {
        return new MethodMatcher("main", STRING_ARRAY_PARAMETER, true);
    }

    @Override
    public boolean matches(MethodDescription method) {
        return method.isMethod() && name.equals(method.getInternalName())
                && !method.isAbstract() && !method.isNative() && !method.isBridge() && !method.isSynthetic()
                && (!publicStatic || method.isPublic() && method.isStatic())
                && method.getDescriptor().startsWith(descriptorPrefix);
    }

    /** Whether the type declares a method this matcher takes. */
    boolean matchesAnyOf(Iterable<? extends MethodDescription> methods) {
        for (MethodDescription m : methods) {
            if (matches(m)) {
                return true;
            }
        }
        return false;
    }
}
