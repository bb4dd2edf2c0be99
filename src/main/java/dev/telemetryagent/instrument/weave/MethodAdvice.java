package dev.telemetryagent.instrument.weave;

import dev.telemetryagent.bootstrap.Bridge;
import dev.telemetryagent.bootstrap.BridgeSink;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Advice inlined into every configured method. It only talks to {@link Bridge} (bootstrap-visible)
 * and suppresses every throwable of its own, so the method's behaviour, return value and thrown
 * object are never changed. Arguments and the return value are boxed only when a full event is
 * recorded for an entry that reads values from the call (a success rule, hashes or properties):
 * Byte Buddy materialises {@code @AllArguments} and a dynamically typed {@code @Return} where the
 * parameter is read, and both flags are constants, so the JIT drops the branches that do not apply.
 * Beyond the per-run cap nothing is allocated, except for entries with a success rule: they need the
 * return value to count failures.
 */
public final class MethodAdvice {
    private MethodAdvice() {
    }

    /** Starts timing; returns the token {@link Bridge#enter} gives. */
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static long enter(@MethodId int id) {
        return Bridge.enter(id);
    }

    /** Records the call. */
    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@MethodId int id, @HasSuccessRule boolean rule, @ReadsValues boolean values,
            @Advice.Enter long token,
            @Advice.This(optional = true) Object self,
            @Advice.AllArguments Object[] args,
            @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object returned,
            @Advice.Thrown Throwable thrown) {
        if (token == BridgeSink.UNTIMED) {
            // Beyond the cap for good, so no need to ask whether the call is detailed (the
            // commonest call of a flood makes one call into the agent at its exit, not two).
            if (rule) {
                Bridge.exitCounted(id, token, self, returned, thrown);
            } else {
                Bridge.exitCounted(id, token, null, null, thrown);
            }
        } else if (token > 0L) {
            if (Bridge.detailed()) {
                if (values) {
                    Bridge.exit(id, token, self, args, returned, thrown);
                } else {
                    Bridge.exit(id, token, null, null, null, thrown);
                }
            } else if (rule) {
                Bridge.exitCounted(id, token, self, returned, thrown);
            } else {
                Bridge.exitCounted(id, token, null, null, thrown);
            }
        } else if (token == 0L) {
            Bridge.exitNested(id);
        }
    }
}
