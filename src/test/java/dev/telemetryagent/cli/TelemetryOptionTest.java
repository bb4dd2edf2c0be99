package dev.telemetryagent.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** {@code --telemetry COMMAND} as the application's first argument, read from {@code sun.java.command}. */
class TelemetryOptionTest {
    @Test
    void theFirstArgumentOfAJarLaunch() {
        assertArrayEquals(new String[] {"status"},
                TelemetryOption.controlArguments("/opt/acme/acme.jar --telemetry status", "/opt/acme/acme.jar"));
        assertArrayEquals(new String[] {"disable", "--project"},
                TelemetryOption.controlArguments("/my tools/acme.jar --telemetry disable --project",
                        "/my tools/acme.jar"));
        assertArrayEquals(new String[] {"status"}, TelemetryOption.controlArguments(
                "acme.jar --telemetry status", "acme.jar" + java.io.File.pathSeparator + "/x/telemetry-agent.jar"));
        assertArrayEquals(new String[0], TelemetryOption.controlArguments("acme.jar --telemetry", "acme.jar"));
    }

    @Test
    void theFirstArgumentOfAClassLaunch() {
        assertArrayEquals(new String[] {"log"}, TelemetryOption.controlArguments("com.acme.Main --telemetry log", "/cp"));
    }

    @Test
    void anywhereElseItIsTheApplicationsOwn() {
        assertNull(TelemetryOption.controlArguments("acme.jar greet --telemetry status", "acme.jar"));
        assertNull(TelemetryOption.controlArguments("acme.jar --telemetry-level 3", "acme.jar"));
        assertNull(TelemetryOption.controlArguments("com.acme.Main", "/cp"));
        assertNull(TelemetryOption.controlArguments("/opt/--telemetry/acme.jar status", "/opt/--telemetry/acme.jar"));
        assertNull(TelemetryOption.controlArguments(null, null));
    }
}
