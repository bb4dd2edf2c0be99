package dev.telemetryagent.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.ref.WeakReference;
import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

/** What the failure reader keeps of the classes it has read failures against. */
class FailureReaderTest {
    /** A class of the test's code source, loaded a second time by a loader of its own. */
    static final class Plugin {
    }

    @Test
    void aFailingPluginsClassLoaderIsNotKeptAlive() throws Exception {
        FailureReader reader = new FailureReader(false, JvmInstrumentation.get());
        WeakReference<ClassLoader> loader = readAgainstAPluginOfItsOwn(reader);
        for (int i = 0; i < 100 && loader.get() != null; i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertNull(loader.get(), "the reader holds the plugin's class, and so its loader");
    }

    private static WeakReference<ClassLoader> readAgainstAPluginOfItsOwn(FailureReader reader) throws Exception {
        URL testClasses = Plugin.class.getProtectionDomain().getCodeSource().getLocation();
        URLClassLoader plugin = new URLClassLoader(new URL[] {testClasses}, ClassLoader.getPlatformClassLoader());
        Class<?> pluginClass = Class.forName(Plugin.class.getName(), false, plugin);
        IllegalStateException e = new IllegalStateException("x");
        e.setStackTrace(new StackTraceElement[] {new StackTraceElement(Plugin.class.getName(), "run", "P.java", 1)});
        assertEquals(Plugin.class.getName() + ".run", reader.read(e, pluginClass, false).site());
        plugin.close();
        return new WeakReference<ClassLoader>(plugin);
    }
}
