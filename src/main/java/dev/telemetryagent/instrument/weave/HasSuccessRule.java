package dev.telemetryagent.instrument.weave;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the advice parameter that receives, as a constant, whether the method's entry has a success
 * rule: only then do calls beyond the per-run cap need the object and the return value.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface HasSuccessRule {
}
