package dev.telemetryagent.consent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telemetryagent.bootstrap.Bridge;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DisableFlagTest {
    @Test
    void foundOnlyAsAWholeArgument() {
        assertTrue(DisableFlag.present("app.Main --disable-telemetry"));
        assertTrue(DisableFlag.present("app.Main run --disable-telemetry --x"));
        assertFalse(DisableFlag.present("app.Main --disable-telemetry-please"));
        assertFalse(DisableFlag.present("app.Main x--disable-telemetry"));
        assertFalse(DisableFlag.present("--disable-telemetry"));
        assertFalse(DisableFlag.present(null));
        assertTrue(DisableFlag.present("app.Main --disable-telemetryX --disable-telemetry"));
    }

    @Test
    void afterADoubleDashItIsTheApplicationsData() {
        assertFalse(DisableFlag.present("app.Main count -- --disable-telemetry x"));
        assertFalse(DisableFlag.present("app.Main count -- x --disable-telemetry"));
        assertTrue(DisableFlag.present("app.Main --disable-telemetry count -- --disable-telemetry"));
        assertTrue(DisableFlag.present("app.Main --disable-telemetry --"));
        assertFalse(DisableFlag.present("app.Main x -- --disable-telemetry"));
        // An option's value spelled exactly as the flag is read as the flag (the contract's section 5).
        assertTrue(DisableFlag.present("app.Main greet --name --disable-telemetry"));
    }

    @Test
    void mainDropsTheFlagOnlyBeforeADoubleDash() {
        String[] args = {"count", "--disable-telemetry", "--", "--disable-telemetry", "x"};
        assertArrayEquals(new String[] {"count", "--", "--disable-telemetry", "x"}, Bridge.withoutDisableFlag(args));
        String[] data = {"count", "--", "--disable-telemetry"};
        assertSame(data, Bridge.withoutDisableFlag(data), "nothing to remove: the same array");
        assertArrayEquals(new String[] {"greet", "--name"},
                Bridge.withoutDisableFlag(new String[] {"greet", "--name", "--disable-telemetry"}));
    }

    @Test
    void mainClassOfAClassOrModuleLaunch() {
        assertEquals("app.Main", DisableFlag.mainClass("app.Main run --disable-telemetry", "/cp"));
        assertEquals("app.Main", DisableFlag.mainClass("my.module/app.Main run", "/cp"));
        assertNull(DisableFlag.mainClass("", "/cp"));
    }

    @Test
    void mainClassOfAJarLaunchComesFromItsManifest(@TempDir Path dir) throws Exception {
        Path jar = dir.resolve("my app.jar");
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        mf.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "app.JarMain");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, mf)) {
            j.flush();
        }
        assertEquals("app.JarMain", DisableFlag.mainClass(jar + " --disable-telemetry", jar.toString()));
    }
}
