package dev.telemetryagent.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telemetryagent.bootstrap.Bridge;
import dev.telemetryagent.config.AgentConfig;
import dev.telemetryagent.config.ConfigReader;
import dev.telemetryagent.instrument.fixture.Commands;
import dev.telemetryagent.instrument.weave.ClassWeaver;
import dev.telemetryagent.record.CallRecord;
import dev.telemetryagent.record.JvmInstrumentation;
import dev.telemetryagent.record.Recorder;
import java.io.IOException;
import java.io.InputStream;
import java.security.ProtectionDomain;
import java.util.List;
import picocli.CommandLine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Weaves picocli's real {@code CommandLine} with the picocli advice, runs a command through it, and
 * checks what the advice reads off the parse result.
 */
class PicocliAdviceTest {
    private static final String CONFIG = "[app]\nname = \"t\"\n[[instrument]]\npicocli = true\n";

    /** Defines picocli (with {@code CommandLine} woven) and the fixture's commands itself. */
    static final class PicocliLoader extends ClassLoader {
        private final byte[] wovenCommandLine;

        PicocliLoader(byte[] wovenCommandLine) {
            super(PicocliAdviceTest.class.getClassLoader());
            this.wovenCommandLine = wovenCommandLine;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null && (name.startsWith("picocli.") || name.startsWith(Commands.class.getName()))) {
                    try {
                        byte[] b = name.equals("picocli.CommandLine") ? wovenCommandLine : bytesOf(name);
                        // Each from where the original comes from: the error site compares code sources.
                        ProtectionDomain domain = name.startsWith("picocli.")
                                ? CommandLine.class.getProtectionDomain()
                                : PicocliAdviceTest.class.getProtectionDomain();
                        c = defineClass(name, b, 0, b.length, domain);
                    } catch (IOException e) {
                        throw new ClassNotFoundException(name, e);
                    }
                }
                return c != null ? c : super.loadClass(name, resolve);
            }
        }
    }

    private final ClassWeaverTest.RecordingSink sink = new ClassWeaverTest.RecordingSink();
    private PicocliLoader loader;

    static byte[] bytesOf(String name) throws IOException {
        try (InputStream in = PicocliAdviceTest.class.getClassLoader()
                .getResourceAsStream(name.replace('.', '/') + ".class")) {
            return in.readAllBytes();
        }
    }

    @BeforeEach
    void weave() throws Exception {
        AgentConfig config = new ConfigReader("/tmp").read("t.toml", CONFIG);
        WeavePlan plan = WeavePlan.of(config, null);
        byte[] woven = new ClassWeaver().weave(getClass().getClassLoader(), "picocli/CommandLine",
                bytesOf("picocli.CommandLine"), plan.exact("picocli/CommandLine"), false);
        assertNotNull(woven);
        loader = new PicocliLoader(woven);
        Bridge.install(sink);
    }

    @AfterEach
    void uninstall() {
        Bridge.install(null);
    }

    private int execute(String... args) throws Exception {
        Class<?> commandLine = loader.loadClass("picocli.CommandLine");
        Object tool = loader.loadClass(Commands.Tool.class.getName()).getConstructor().newInstance();
        Object cl = commandLine.getConstructor(Object.class).newInstance(tool);
        return (Integer) commandLine.getMethod("execute", String[].class).invoke(cl, (Object) args);
    }

    @Test
    void theAdviceReadsCommandNamesOptionNamesAndTypedArguments() throws Exception {
        assertEquals(0, execute("--verbose", "Load-Data", "--table=secret", "-q"));
        assertEquals(List.of("enter 0", "command 0 path=[tool, Load-Data] options=[-v|--verbose, --table, -q|--quiet]"
                + " typed=[--verbose, Load-Data, --table=secret, -q]"), sink.calls);
    }

    @Test
    void anUnknownOptionIsAFailedParseWithTheTopCommandOnly() throws Exception {
        assertEquals(2, execute("--nope"));
        assertEquals("failed UnmatchedArgumentException origin=Tool usage=[tool]", sink.calls.get(1));
        assertEquals("command 2 path=[tool] options=[] typed=[--nope]", sink.calls.get(2));
    }

    @Test
    void beyondTheCapNothingIsRead() throws Exception {
        sink.detailed = false;
        assertEquals(0, execute("Load-Data", "-q"));
        assertEquals(List.of("enter 0", "command 0 path=null options=[] typed=null"), sink.calls);
    }

    @Test
    void theRecorderNamesTheCommandAndTheOptionsAsTyped() throws Exception {
        AgentConfig config = new ConfigReader("/tmp").read("t.toml", CONFIG);
        Recorder recorder = new Recorder(WeavingFixture.sites(config), 10, true, JvmInstrumentation.get());
        Bridge.install(recorder);
        assertEquals(0, execute("--verbose", "Load-Data", "--table=secret", "-q"));
        CallRecord c = recorder.drainRecords().get(0);
        assertEquals(List.of("tool", "load_data"), c.commandPath());
        assertEquals(List.of("--verbose", "--table", "-q"), c.options());
    }

    private Recorder recorder() throws Exception {
        AgentConfig config = new ConfigReader("/tmp").read("t.toml", CONFIG);
        Recorder recorder = new Recorder(WeavingFixture.sites(config), 10, true, JvmInstrumentation.get());
        Bridge.install(recorder);
        return recorder;
    }

    private int run(String way, String... args) throws Exception {
        Class<?> commands = loader.loadClass(Commands.class.getName());
        return (Integer) commands.getMethod("run", String.class, String[].class).invoke(null, way, (Object) args);
    }

    private static final String FIXTURE = Commands.class.getName();

    @Test
    void aFailingCommandCarriesTheErrorOfItsCodeAndTheSiteInTheHelperClass() throws Exception {
        Recorder recorder = recorder();
        assertEquals(1, execute("fail"));
        CallRecord c = recorder.drainRecords().get(0);
        assertFalse(c.success());
        assertFalse(c.usageError());
        assertEquals(List.of("tool", "fail"), c.commandPath());
        assertEquals(1, c.exitCode());
        assertEquals("java.io.UncheckedIOException", c.errorType());
        assertEquals("java.io.IOException", c.rootCauseType());
        assertEquals("cannot open /home/alice/secret.db", c.errorMessage().substring(c.errorMessage().indexOf("cannot")));
        assertEquals(FIXTURE + "$Store.open", c.failure().site());
        assertEquals(List.of(FIXTURE + "$Store.open", FIXTURE + "$Fail.call"),
                List.of(c.failure().frames()).subList(0, 2), "picocli's and the JDK's frames are left out");
    }

    @Test
    void aUsageErrorInASubcommandIsNamedAfterItWithTheMatchedOptionsOnly() throws Exception {
        Recorder recorder = recorder();
        assertEquals(2, execute("-v", "Load-Data", "--table=secret", "--bogus", "/home/alice/x"));
        CallRecord c = recorder.drainRecords().get(0);
        assertTrue(c.usageError());
        assertFalse(c.success());
        assertEquals(2, c.exitCode());
        assertEquals(List.of("tool", "load_data"), c.commandPath());
        assertEquals(List.of("-v", "--table"), c.options(), "never the unknown token, never a value");
        assertEquals("picocli.CommandLine$UnmatchedArgumentException", c.errorType());
        assertNull(c.errorMessage(), "a usage error's message quotes what the user typed");
        assertEquals(PicocliAdviceTest.class.getName() + ".execute", c.failure().site(),
                "the parser's frames are picocli's: the innermost of the tool's own is its call of execute");
    }

    @Test
    void aValueThatDoesNotConvertIsAUsageErrorOfTheSubcommand() throws Exception {
        Recorder recorder = recorder();
        assertEquals(2, execute("Load-Data", "--rows", "many"));
        CallRecord c = recorder.drainRecords().get(0);
        assertTrue(c.usageError());
        assertEquals(List.of("tool", "load_data"), c.commandPath());
        assertEquals("picocli.CommandLine$ParameterException", c.errorType());
    }

    @Test
    void aUsageErrorThatItsHandlerRethrowsStaysAUsageErrorWithoutItsMessage() throws Exception {
        Recorder recorder = recorder();
        assertEquals(2, run("rethrowing-handler", "Load-Data", "--bogus=/home/alice/x"));
        CallRecord c = recorder.drainRecords().get(0);
        assertTrue(c.usageError());
        assertEquals(List.of("tool", "load_data"), c.commandPath());
        assertEquals("picocli.CommandLine$UnmatchedArgumentException", c.errorType());
        assertNull(c.errorMessage(), "picocli's message quotes what the user typed");
    }

    @Test
    void aCustomStrategyThatDelegatesCarriesTheErrorFields() throws Exception {
        Recorder recorder = recorder();
        assertEquals(1, run("strategy", "fail"));
        CallRecord c = recorder.drainRecords().get(0);
        assertEquals("java.io.UncheckedIOException", c.errorType());
        assertEquals(FIXTURE + "$Store.open", c.failure().site());
    }

    @Test
    void aStrategyThatThrowsItselfIsHandledAndCarriesItsException() throws Exception {
        Recorder recorder = recorder();
        assertEquals(1, run("throwing-strategy", "fail"));
        CallRecord c = recorder.drainRecords().get(0);
        assertEquals("java.lang.IllegalArgumentException", c.errorType());
        assertTrue(c.failure().site().startsWith(FIXTURE + "$") && c.failure().site().endsWith(".execute"),
                c.failure().site());
    }

    @Test
    void aHandlerDecidesByItsExitCode() throws Exception {
        Recorder recorder = recorder();
        assertEquals(0, run("handler:0", "fail"));
        assertEquals(7, run("handler:7", "fail"));
        assertEquals(0, run("handler:0", "Load-Data"));
        List<CallRecord> records = recorder.drainRecords();
        assertTrue(records.get(0).success());
        assertNull(records.get(0).failure(), "a swallowed failure is a success with no error fields");
        assertEquals("java.io.UncheckedIOException", records.get(1).errorType());
        assertEquals(7, records.get(1).exitCode());
        assertTrue(records.get(2).success());
        assertNull(records.get(2).failure());
    }

    @Test
    void aParseOutsideExecuteLeavesNothingBehind() throws Exception {
        Recorder recorder = recorder();
        Class<?> commandLine = loader.loadClass("picocli.CommandLine");
        Object tool = loader.loadClass(Commands.Tool.class.getName()).getConstructor().newInstance();
        Object cl = commandLine.getConstructor(Object.class).newInstance(tool);
        try {
            commandLine.getMethod("parseArgs", String[].class).invoke(cl, (Object) new String[] {"--nope"});
        } catch (java.lang.reflect.InvocationTargetException expected) {
            // jbang-style: the tool parses and handles the error itself; no exit code, no event.
        }
        assertTrue(recorder.drainRecords().isEmpty());
        assertEquals(0, execute("Load-Data"));
        CallRecord c = recorder.drainRecords().get(0);
        assertTrue(c.success());
        assertNull(c.failure());
    }
}
