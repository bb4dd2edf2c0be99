package dev.telemetryagent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which JVMs count as the JDK's own tools, from what the launcher records (as the JDK 17 and 25 launchers do). */
class JdkToolDetectionTest {
    private String module;
    private String command;

    @BeforeEach
    void save() {
        module = System.getProperty("jdk.module.main");
        command = System.getProperty("sun.java.command");
    }

    @AfterEach
    void restore() {
        set("jdk.module.main", module);
        set("sun.java.command", command);
    }

    private static void set(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
        "jdk.compiler, jdk.compiler/com.sun.tools.javac.Main -d out Hello.java, true",
        "jdk.jartool, jdk.jartool/sun.tools.jar.Main --list, true",
        "java.base, java.base/sun.security.tools.keytool.Main -help, true",
        "jdk.jcmd, jdk.jcmd/sun.tools.jps.Jps -l, true",
        "jdk.jshell, jdk.jshell/jdk.internal.jshell.tool.JShellToolProvider, true",
        "-, com.sun.tools.javac.Main Hello.java, true",
        "-, sun.tools.jar.Main tf x.jar, true",
        "-, com.acme.cli.Main --verbose, false",
        "-, tool.jar hello, false",
        "com.acme.cli, com.acme.cli/com.acme.cli.Main, false",
        "-, -, false",
    })
    void recognisesTheJdksTools(String mainModule, String javaCommand, boolean tool) {
        set("jdk.module.main", mainModule);
        set("sun.java.command", javaCommand);
        assertEquals(tool, TelemetryAgent.isJdkTool());
    }
}
