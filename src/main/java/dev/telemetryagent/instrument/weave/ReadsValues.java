package dev.telemetryagent.instrument.weave;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the advice parameter that receives, as a constant, whether the method's entry reads values
 * from the call (a success rule, hashes or properties): only then does a recorded call need the
 * object, the arguments and the return value, which the advice would otherwise box for nothing.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface ReadsValues {
}
