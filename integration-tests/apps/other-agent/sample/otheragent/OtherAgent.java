package sample.otheragent;

import java.lang.instrument.Instrumentation;
import java.util.concurrent.atomic.AtomicInteger;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.matcher.ElementMatchers;

/**
 * Somebody else's Byte Buddy agent (an APM agent, say), with its own unshaded Byte Buddy: it advises
 * the same method as telemetry-agent, picocli's CommandLine#execute, with retransformation enabled, and
 * reports how often the advice ran when the JVM exits.
 */
public final class OtherAgent {
    /** Calls seen by the advice. */
    public static final AtomicInteger EXECUTES = new AtomicInteger();

    private OtherAgent() {
    }

    public static void premain(String args, Instrumentation inst) {
        new AgentBuilder.Default()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .disableClassFormatChanges()
                .type(ElementMatchers.named("picocli.CommandLine"))
                .transform((builder, type, loader, module, domain) -> builder.visit(Advice.to(ExecuteAdvice.class)
                        .on(ElementMatchers.named("execute").and(ElementMatchers.takesArguments(String[].class)))))
                .installOn(inst);
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
                System.err.println("[other-agent] execute calls: " + EXECUTES.get())));
    }

    /** Counts calls. */
    public static final class ExecuteAdvice {
        private ExecuteAdvice() {
        }

        @Advice.OnMethodEnter
        static void enter() {
            EXECUTES.incrementAndGet();
        }
    }
}
