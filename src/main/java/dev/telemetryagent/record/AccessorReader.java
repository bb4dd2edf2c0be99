package dev.telemetryagent.record;

import dev.telemetryagent.config.Accessor;
import dev.telemetryagent.config.SecretNames;
import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads a configured {@link Accessor} against one call, on the calling thread. Each segment {@code .x}
 * reads a field {@code x}, a record component {@code x()}, or a getter {@code getX()} / boolean
 * {@code isX()}; nothing else is ever called, so {@code arg0.delete} on a {@code File} or
 * {@code arg0.take} on a queue reads nothing (no such field or getter) and omits the property. Members
 * are looked up once per class and cached. Anything that goes wrong (a null, a missing member, an
 * exception) yields null, which omits the property: an accessor never affects the instrumented call.
 * An enum is read as its name; a secret accessor's value is never turned into text.
 */
final class AccessorReader {
    /**
     * Returned when the accessor does not apply to the call at all: an argument beyond the method's
     * parameters, or a segment the value's class has no field or getter for.
     */
    static final Object NOT_APPLICABLE = new Object();
    private static final Object ABSENT = new Object();

    private final ClassValue<ConcurrentHashMap<String, Object>> members =
            new ClassValue<ConcurrentHashMap<String, Object>>() {
                @Override
                protected ConcurrentHashMap<String, Object> computeValue(Class<?> type) {
                    return new ConcurrentHashMap<>();
                }
            };

    /** The value the accessor designates, null, or {@link #NOT_APPLICABLE}. */
    Object read(Accessor accessor, Object self, Object[] args, Object returned) {
        try {
            Object value;
            switch (accessor.root()) {
                case THIS:
                    value = self;
                    break;
                case RETURN:
                    value = returned;
                    break;
                default:
                    int i = accessor.argumentIndex();
                    if (args != null && i >= args.length) {
                        return NOT_APPLICABLE;
                    }
                    value = args == null ? null : args[i];
                    break;
            }
            List<String> segments = accessor.segments();
            for (int s = 0; s < segments.size() && value != null && value != NOT_APPLICABLE; s++) {
                value = segment(value, segments.get(s));
            }
            if (value == null || value == NOT_APPLICABLE) {
                return value;
            }
            if (accessor.isSecret()) {
                return SecretNames.PLACEHOLDER;
            }
            return value instanceof Enum ? ((Enum<?>) value).name() : value;
        } catch (Throwable t) {
            return null;
        }
    }

    private Object segment(Object target, String name) throws Exception {
        ConcurrentHashMap<String, Object> cache = members.get(target.getClass());
        Object member = cache.get(name);
        if (member == null) {
            member = find(target.getClass(), name);
            cache.put(name, member);
        }
        if (member instanceof Field) {
            return ((Field) member).get(target);
        }
        if (member instanceof Method) {
            return ((Method) member).invoke(target);
        }
        return NOT_APPLICABLE;
    }

    /** A field {@code name}, else a record component {@code name()}, else a getter; else {@link #ABSENT}. */
    private static Object find(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                if (!Modifier.isStatic(f.getModifiers()) && accessible(f)) {
                    return f;
                }
            } catch (NoSuchFieldException ignored) {
                // keep looking up the hierarchy
            }
        }
        Method component = recordComponent(type, name);
        if (component != null) {
            return component;
        }
        String cap = Character.toUpperCase(name.charAt(0)) + name.substring(1);
        String[] getters = {"get" + cap, "is" + cap};
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (String m : getters) {
                try {
                    Method method = c.getDeclaredMethod(m);
                    if (isGetter(method) && accessible(method)) {
                        return method;
                    }
                } catch (NoSuchMethodException ignored) {
                    // try the next spelling
                }
            }
        }
        for (String m : getters) {
            try {
                Method method = type.getMethod(m);
                if (isGetter(method) && method.getDeclaringClass() != Object.class && accessible(method)) {
                    return method;
                }
            } catch (NoSuchMethodException ignored) {
                // not a public method either
            }
        }
        return ABSENT;
    }

    /**
     * The accessor method of a record's component {@code name}. A record's instance fields are exactly
     * its components, so the declared field says it is one (checked by name: agent classes target Java 11,
     * which has no {@code Class.isRecord}). Reached when the field itself cannot be made accessible.
     */
    private static Method recordComponent(Class<?> type, String name) {
        Class<?> parent = type.getSuperclass();
        if (parent == null || !parent.getName().equals("java.lang.Record")) {
            return null;
        }
        try {
            Field f = type.getDeclaredField(name);
            Method method = type.getDeclaredMethod(name);
            if (!Modifier.isStatic(f.getModifiers()) && !Modifier.isStatic(method.getModifiers())
                    && method.getReturnType() == f.getType() && accessible(method)) {
                return method;
            }
        } catch (NoSuchFieldException | NoSuchMethodException notAComponent) {
            // a record without that component
        }
        return null;
    }

    /**
     * {@code getX()} returning a value, or {@code isX()} returning a boolean; never static, and never
     * {@code getAndX()}, which by its name acts ({@code AtomicInteger.getAndIncrement}).
     */
    private static boolean isGetter(Method method) {
        if (Modifier.isStatic(method.getModifiers()) || method.getParameterCount() != 0) {
            return false;
        }
        String name = method.getName();
        if (name.startsWith("getAnd") && name.length() > 6 && Character.isUpperCase(name.charAt(6))) {
            return false;
        }
        Class<?> r = method.getReturnType();
        if (name.startsWith("is")) {
            return r == boolean.class || r == Boolean.class;
        }
        return r != void.class;
    }

    private static boolean accessible(AccessibleObject member) {
        try {
            member.setAccessible(true);
            return true;
        } catch (RuntimeException inaccessible) {
            return false;
        }
    }
}
