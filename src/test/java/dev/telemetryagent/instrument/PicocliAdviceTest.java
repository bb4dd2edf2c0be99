package dev.telemetryagent.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.telemetryagent.bootstrap.Bridge;
import dev.telemetryagent.config.AgentConfig;
import dev.telemetryagent.config.ConfigReader;
import dev.telemetryagent.instrument.fixture.Commands;
import dev.telemetryagent.instrument.weave.ClassWeaver;
import dev.telemetryagent.record.CallRecord;
import dev.telemetryagent.record.Recorder;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
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
                        c = defineClass(name, b, 0, b.length);
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
        assertEquals("command 2 path=[tool] options=[] typed=[--nope]", sink.calls.get(1));
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
        Recorder recorder = new Recorder(WeavingFixture.sites(config), 10, true);
        Bridge.install(recorder);
        assertEquals(0, execute("--verbose", "Load-Data", "--table=secret", "-q"));
        CallRecord c = recorder.drainRecords().get(0);
        assertEquals(List.of("tool", "load_data"), c.commandPath());
        assertEquals(List.of("--verbose", "--table", "-q"), c.options());
    }
}
