package dev.telemetryagent.record;

import dev.telemetryagent.config.Accessor;
import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads a configured {@link Accessor} against one call. Each segment {@code .x} is a field {@code x},
 * or a call of {@code x()}, {@code getX()} or {@code isX()}; members are looked up once per class and
 * cached. Anything that goes wrong (a null, a missing member, an exception) yields null, which omits
 * the property: an accessor never affects the instrumented call.
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
            return value;
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

    private static Object find(Class<?> type, String name) {
        String cap = Character.toUpperCase(name.charAt(0)) + name.substring(1);
        String[] methodNames = {name, "get" + cap, "is" + cap};
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                if (!Modifier.isStatic(f.getModifiers()) && accessible(f)) {
                    return f;
                }
            } catch (NoSuchFieldException ignored) {
                // keep looking up the hierarchy
            }
            for (String m : methodNames) {
                try {
                    Method method = c.getDeclaredMethod(m);
                    if (!Modifier.isStatic(method.getModifiers()) && method.getReturnType() != void.class
                            && accessible(method)) {
                        return method;
                    }
                } catch (NoSuchMethodException ignored) {
                    // try the next spelling
                }
            }
        }
        for (String m : methodNames) {
            try {
                Method method = type.getMethod(m);
                if (method.getReturnType() != void.class && accessible(method)) {
                    return method;
                }
            } catch (NoSuchMethodException ignored) {
                // not a public method either
            }
        }
        return ABSENT;
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
