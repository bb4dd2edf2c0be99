package dev.telemetryagent.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telemetryagent.bootstrap.ForeignSink;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bootstrap copy's sink forwards every call unchanged. */
class BridgeInjectorTest {
    @Test
    void theForeignSinkForwardsEveryCallToTheAgentsSink() throws Exception {
        ClassWeaverTest.RecordingSink target = new ClassWeaverTest.RecordingSink();
        ForeignSink foreign = new ForeignSink(BridgeInjector.handles(target));
        assertEquals(2L, foreign.enter(3));
        assertTrue(foreign.detailed());
        foreign.exit(3, 1L, "self", new Object[] {"a"}, 7, null);
        foreign.exitCounted(3, 2L, null, 8, null);
        foreign.exitNested(3);
        foreign.exitCommand(3L, List.of("tool"), List.<String[]>of(new String[] {"-q", "--quiet"}), List.of("-q"),
                0, null);
        assertEquals(List.of("enter 3", "exit 3 args=[a] ret=7 thrown=null self=true", "counted 3 ret=8", "nested 3",
                "command 0 path=[tool] options=[-q|--quiet] typed=[-q]"), target.calls);
    }

    @Test
    void whatTheAgentsSinkThrowsReachesTheAdviceUnchanged() throws Exception {
        IllegalStateException bug = new IllegalStateException("agent bug");
        ForeignSink foreign = new ForeignSink(BridgeInjector.handles(new ClassWeaverTest.RecordingSink() {
            @Override
            public long enter(int id) {
                throw bug;
            }
        }));
        assertSame(bug, assertThrows(IllegalStateException.class, () -> foreign.enter(1)));
    }
}
