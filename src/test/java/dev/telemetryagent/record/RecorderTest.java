package dev.telemetryagent.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telemetryagent.config.AgentConfig;
import dev.telemetryagent.config.ConfigReader;
import dev.telemetryagent.config.InstrumentSpec;
import java.io.IOException;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecorderTest {
    /** A target object for accessors. */
    public static final class Job {
        private final String name = "nightly";
        public final Job parent = null;

        public String getOwner() {
            return "ops";
        }

        public boolean isUrgent() {
            return true;
        }

        public String explode() {
            throw new IllegalStateException("accessor blew up");
        }
    }

    /** A return value with a status. */
    public static final class Report {
        final String status;

        Report(String status) {
            this.status = status;
        }

        public String getStatus() {
            return status;
        }
    }

    /** Methods an accessor must never call, and members it may read. */
    public static final class Hostile {
        final List<String> called = new ArrayList<>();
        private final String dbPassword = "hunter2";
        private final State state = State.RUNNING;

        /** An enum whose toString is not its name. */
        enum State {
            RUNNING;

            @Override
            public String toString() {
                return "running!";
            }
        }

        public boolean delete() {
            called.add("delete");
            return true;
        }

        public String take() {
            called.add("take");
            return "taken";
        }

        public String isReady() {
            called.add("isReady");
            return "not a boolean";
        }

        public String getCount(int i) {
            called.add("getCount");
            return "needs an argument";
        }

        public static String getShared() {
            return "static";
        }

        public String getName() {
            return "hostile";
        }

        public int getAndIncrement() {
            called.add("getAndIncrement");
            return 1;
        }
    }

    /** A record: its components are read. */
    public record Point(int x, String label) {
    }

    @Test
    void accessorsReadFieldsRecordComponentsAndGettersAndCallNothingElse() throws Exception {
        Recorder r = new Recorder(sites("[[instrument]]\nclass = \"x.Hostile\"\nmethods = [\"run\"]\n"
                + "properties = { deleted = \"this.delete\", taken = \"this.take\", ready = \"this.ready\","
                + " counted = \"this.count\", bumped = \"this.andIncrement\", shared = \"this.shared\","
                + " name = \"this.name\", state = \"this.state\","
                + " x = \"arg0.x\", label = \"arg0.label\", hash_code = \"this.hashCode\", kind = \"this.getClass\" }\n"
                + "hash = { db = \"this.dbPassword\", api_token = \"arg0.label\", plain = \"this.name\" }\n"), 10, true, JvmInstrumentation.get());
        Hostile target = new Hostile();
        long t = r.enter(1);
        r.exit(1, t, target, new Object[] {new Point(3, "p")}, null, null);
        CallRecord c = r.drainRecords().get(0);
        assertEquals(List.of(), target.called);
        assertEquals(Map.of("name", "hostile", "state", "RUNNING", "x", "3", "label", "p"), c.properties());
        assertEquals(Map.of("db", "<secret>", "api_token", "<secret>", "plain", "hostile"), c.hashInputs());
    }

    @Test
    void aRecordWhoseFieldsAreClosedIsReadThroughItsComponentAccessors() throws Exception {
        // jdk.net does not open its records' private fields: the component accessor user() is what reads.
        Recorder r = new Recorder(sites("[[instrument]]\nclass = \"x.Job\"\nmethods = [\"run\"]\n"
                + "properties = { who = \"arg0.user.name\" }\n"), 10, true, JvmInstrumentation.get());
        UserPrincipal user = () -> "ops";
        GroupPrincipal group = () -> "staff";
        long t = r.enter(1);
        r.exit(1, t, null, new Object[] {new jdk.net.UnixDomainPrincipal(user, group)}, null, null);
        assertEquals(Map.of("who", "ops"), r.drainRecords().get(0).properties());
    }

    @Test
    void aSecretNamedPropertyIsSentAsSecretAndANullStillOmitsIt() throws Exception {
        Recorder r = new Recorder(sites("[[instrument]]\nclass = \"x.Job\"\nmethods = [\"run\"]\n"
                + "properties = { owner_password = \"this.owner\", parent_token = \"this.parent\" }\n"), 10, true, JvmInstrumentation.get());
        long t = r.enter(1);
        r.exit(1, t, new Job(), new Object[0], null, null);
        assertEquals(Map.of("owner_password", "<secret>"), r.drainRecords().get(0).properties());
    }

    private static MethodSite[] sites(String instrument) throws Exception {
        AgentConfig config = new ConfigReader("/tmp").read("t.toml", "[app]\nname = \"t\"\n" + instrument);
        List<MethodSite> list = new ArrayList<>();
        list.add(null);
        for (InstrumentSpec spec : config.instruments()) {
            if (spec.picocli()) {
                list.set(0, new MethodSite(0, spec, "execute"));
            } else {
                for (String m : spec.methods()) {
                    list.add(new MethodSite(list.size(), spec, m));
                }
            }
        }
        return list.toArray(new MethodSite[0]);
    }

    private static final String JOB = "[[instrument]]\nclass = \"x.Job\"\nmethods = [\"run\"]\n"
            + "success = { value = \"return.status\", in = [\"OK\"] }\n"
            + "hash = { job_name = \"this.name\", input = \"arg0\" }\n"
            + "properties = { owner = \"this.owner\", urgent = \"this.urgent\", missing = \"this.parent.name\","
            + " broken = \"this.explode\", out_of_range = \"arg5\" }\n";

    @Test
    void readsAccessorsAndAppliesTheSuccessRule() throws Exception {
        Recorder r = new Recorder(sites(JOB), 10, true, JvmInstrumentation.get());
        long t = r.enter(1);
        assertTrue(t > 0);
        r.exit(1, t, new Job(), new Object[] {"in.csv"}, new Report("OK"), null);
        t = r.enter(1);
        r.exit(1, t, new Job(), new Object[] {"in.csv"}, new Report("PARTIAL"), null);
        List<CallRecord> records = r.drainRecords();
        assertEquals(2, records.size());
        CallRecord ok = records.get(0);
        assertTrue(ok.success());
        assertEquals(Map.of("job_name", "nightly", "input", "in.csv"), ok.hashInputs());
        assertEquals(Map.of("owner", "ops", "urgent", "true"), ok.properties());
        assertFalse(records.get(1).success());
    }

    @Test
    void aSuccessRuleThatCannotApplyToTheMethodLeavesReturnedNormally() throws Exception {
        Recorder r = new Recorder(sites(JOB), 10, true, JvmInstrumentation.get());
        long t = r.enter(1);
        r.exit(1, t, new Job(), new Object[0], 42, null);
        t = r.enter(1);
        r.exit(1, t, new Job(), new Object[0], null, null);
        List<CallRecord> records = r.drainRecords();
        assertTrue(records.get(0).success(), "an Integer has no status: the rule does not apply");
        assertFalse(records.get(1).success(), "a null report is not a COMPLETED one");
    }

    @Test
    void aThrownFailureRecordsTypeMessageAndRootCause() throws Exception {
        Recorder r = new Recorder(sites(JOB), 10, true, JvmInstrumentation.get());
        long t = r.enter(1);
        r.exit(1, t, new Job(), new Object[0], null,
                new IOException("cannot read /tmp/x", new IllegalArgumentException("inner", new ArithmeticException())));
        CallRecord c = r.drainRecords().get(0);
        assertFalse(c.success());
        assertEquals("java.io.IOException", c.errorType());
        assertEquals("cannot read /tmp/x", c.errorMessage());
        assertEquals("java.lang.ArithmeticException", c.rootCauseType());

        Recorder quiet = new Recorder(sites(JOB), 10, false, JvmInstrumentation.get());
        t = quiet.enter(1);
        quiet.exit(1, t, new Job(), new Object[0], null, new IOException("secret"));
        CallRecord q = quiet.drainRecords().get(0);
        assertNull(q.errorMessage());
        assertNull(q.rootCauseType());
    }

    @Test
    void aMethodFailureIsSitedInTheCodeSourceOfTheClassThatCalledIntoTheAgent() throws Exception {
        Recorder r = new Recorder(sites(JOB), 10, false, JvmInstrumentation.get());
        long t = r.enter(1);
        r.exit(1, t, null, null, null, new IllegalStateException("x", failInHelper()));
        CallRecord c = r.drainRecords().get(0);
        assertEquals("java.lang.IllegalStateException", c.errorType());
        assertEquals("java.io.IOException", c.rootCauseType());
        assertEquals(RecorderTest.class.getName() + ".failInHelper", c.failure().site(),
                "the woven method's class (here the test calling the recorder) gives the code source");
        assertNull(c.errorMessage());
    }

    private static IOException failInHelper() {
        return new IOException("disk full");
    }

    @Test
    void recursionIsCountedOncePerThread() throws Exception {
        Recorder r = new Recorder(sites(JOB), 10, true, JvmInstrumentation.get());
        long outer = r.enter(1);
        assertEquals(0L, r.enter(1));
        r.exitNested(1);
        r.exit(1, outer, null, new Object[0], null, null);
        assertEquals(1, r.drainRecords().size());
        assertTrue(r.enter(1) > 0, "depth is back to zero");
    }

    @Test
    void beyondTheCapCallsAreAggregated() throws Exception {
        Recorder r = new Recorder(sites(JOB), 2, true, JvmInstrumentation.get());
        for (int i = 0; i < 5; i++) {
            long t = r.enter(1);
            if (r.detailed()) {
                r.exit(1, t, new Job(), new Object[0], new Report(i == 4 ? "BAD" : "OK"), null);
            } else {
                r.exitCounted(1, t, new Job(), new Report(i == 4 ? "BAD" : "OK"), null);
            }
        }
        assertEquals(2, r.drainRecords().size());
        List<CallSummary.Snapshot> summaries = r.drainSummaries();
        assertEquals(1, summaries.size());
        assertEquals(3, summaries.get(0).count());
        assertEquals(1, summaries.get(0).failures());
        assertTrue(summaries.get(0).minNanos() <= summaries.get(0).maxNanos());
        assertTrue(r.drainSummaries().isEmpty(), "drained summaries reset");
    }

    @Test
    void unknownIdsAreNotTracked() throws Exception {
        Recorder r = new Recorder(sites(JOB), 2, true, JvmInstrumentation.get());
        assertEquals(-1L, r.enter(0));
        assertEquals(-1L, r.enter(99));
    }

    @Test
    void commandsAreNamedByPathWithOptionNamesAsTyped() throws Exception {
        Recorder r = new Recorder(sites("[[instrument]]\npicocli = true\n"), 10, true, JvmInstrumentation.get());
        long t = r.enter(0);
        r.exitCommand(t, List.of("tool", "Load-Data"),
                List.of(new String[] {"-v", "--verbose"}, new String[] {"--table"}, new String[] {"-q", "--quiet"},
                        new String[] {"-f", "--force"}),
                List.of("--verbose", "Load-Data", "--table=secret", "-q", "-fx"), 0, null);
        CallRecord c = r.drainRecords().get(0);
        assertEquals(List.of("tool", "load_data"), c.commandPath());
        // -q typed alone, -f only inside a cluster: its longest name stands for it.
        assertEquals(List.of("--verbose", "--table", "-q", "--force"), c.options());
        assertEquals(0, c.exitCode());
        assertTrue(c.success());
    }

    @Test
    void aCommandThatCouldNotBeReadIsUnknownAndAFailureByExitCode() throws Exception {
        Recorder r = new Recorder(sites("[[instrument]]\npicocli = true\n"), 10, true, JvmInstrumentation.get());
        r.exitCommand(r.enter(0), new ArrayList<String>(), new ArrayList<String[]>(), null, 2, null);
        CallRecord c = r.drainRecords().get(0);
        assertEquals(List.of("unknown"), c.commandPath());
        assertEquals(List.of(), c.options());
        assertFalse(c.success());
    }

    @Test
    void commandsBeyondTheCapAreCountedWithoutNames() throws Exception {
        Recorder r = new Recorder(sites("[[instrument]]\npicocli = true\n"), 1, true, JvmInstrumentation.get());
        r.exitCommand(r.enter(0), List.of("tool"), List.<String[]>of(), List.<String>of(), 0, null);
        r.exitCommand(r.enter(0), null, null, null, 1, null);
        assertEquals(1, r.drainRecords().size());
        List<CallSummary.Snapshot> summaries = r.drainSummaries();
        assertEquals(1, summaries.get(0).count());
        assertEquals(1, summaries.get(0).failures());
    }
}
