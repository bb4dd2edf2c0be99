package sample.foreign;

import java.io.File;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.ServiceLoader;
import java.util.TreeMap;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.ClassFileVersion;
import net.bytebuddy.dynamic.loading.ClassLoadingStrategy;
import net.bytebuddy.implementation.FixedValue;
import net.bytebuddy.matcher.ElementMatchers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * An application with its own Byte Buddy, Jackson and SLF4J binding on its class path, the very
 * libraries the agent carries shaded. It prints what it sees of them: which jar its Byte Buddy came
 * from, what SLF4J providers ServiceLoader finds, and which jars hold META-INF/services entries.
 */
public final class ForeignMain {
    private ForeignMain() {
    }

    public static void main(String[] args) throws Exception {
        Logger log = LoggerFactory.getLogger(ForeignMain.class);
        log.info("application logging through its own binding");

        Class<?> generated = new ByteBuddy(ClassFileVersion.JAVA_V11).subclass(Object.class)
                .name("sample.foreign.Generated")
                .method(ElementMatchers.named("toString")).intercept(FixedValue.value("made by the app's Byte Buddy"))
                .make().load(ForeignMain.class.getClassLoader(), ClassLoadingStrategy.Default.WRAPPER).getLoaded();
        System.out.println("generated=" + generated.getConstructor().newInstance());
        System.out.println("bytebuddy=" + jarName(ByteBuddy.class.getProtectionDomain().getCodeSource().getLocation()));

        TreeMap<String, Object> values = new TreeMap<>();
        values.put("rows", 7);
        values.put("table", "events");
        System.out.println("report=" + new Report().render(values));

        List<String> providers = new ArrayList<>();
        for (SLF4JServiceProvider p : ServiceLoader.load(SLF4JServiceProvider.class)) {
            providers.add(p.getClass().getName());
        }
        System.out.println("slf4j providers=" + providers);

        ClassLoader loader = ClassLoader.getSystemClassLoader();
        for (String service : new String[] {"org.slf4j.spi.SLF4JServiceProvider",
                "com.fasterxml.jackson.core.JsonFactory", "net.bytebuddy.build.Plugin"}) {
            List<String> jars = new ArrayList<>();
            for (URL u : Collections.list(loader.getResources("META-INF/services/" + service))) {
                jars.add(jarName(u));
            }
            Collections.sort(jars);
            System.out.println("services " + service + "=" + jars);
        }
        List<String> dirs = new ArrayList<>();
        for (URL u : Collections.list(loader.getResources("META-INF/services"))) {
            dirs.add(jarName(u));
        }
        Collections.sort(dirs);
        System.out.println("META-INF/services in=" + dirs);
    }

    /** The file name of the jar (or directory) a URL points into: never a full path. */
    private static String jarName(URL url) {
        String s = url.toString();
        int bang = s.indexOf("!/");
        if (bang >= 0) {
            s = s.substring(0, bang);
        }
        return new File(s.replace("jar:", "").replace("file:", "")).getName();
    }
}
