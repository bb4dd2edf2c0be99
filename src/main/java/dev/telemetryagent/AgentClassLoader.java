package dev.telemetryagent;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Loads the agent's classes from a jar itself, before asking its parent: the agent's own classes from
 * the agent jar in the host JVM, and the weaver's from the extracted weaver jar.
 *
 * <p>Why not the application class loader, which has the agent jar on its class path: finding a class
 * there means first looking for it along the whole class path (a file lookup per directory, an entry
 * lookup per jar, opening each jar for it), then inflating it and building a URL and a resource for
 * it. On the sample CLI that was a third of the agent's start-up (premain 16.1 ms to 11.4 ms, the
 * agent's class files stored rather than deflated; docs/PERFORMANCE.md). This loader reads a class
 * file straight from the jar into one buffer that every definition reuses: {@code defineClass} copies
 * the bytes before it loads anything else, and the loader, not being parallel capable, defines one
 * class at a time.
 *
 * <p>Every class the jar holds is defined here, except those every loader of the host must share,
 * which stay with the parent, the application class loader: the {@code dev.telemetryagent.bootstrap}
 * package (woven code calls {@code Bridge}, and the recorder handed to it implements that loader's
 * {@code BridgeSink}), the agent's entry class and this class. Everything else comes from the parent, except
 * the JDK's {@code java.} classes of the bootstrap loader, which are asked of it directly.
 */
public final class AgentClassLoader extends ClassLoader {
    /** Only the JDK's own loaders may define these: asked for by every agent class, never looked up in a jar. */
    private static final String JDK_PACKAGE = "java.";
    /** The one {@code java.} package of the platform loader that the agent uses: not asked of the bootstrap loader. */
    private static final String PLATFORM_HTTP = "java.net.http.";
    private static final String SHARED_PACKAGE = "dev.telemetryagent.bootstrap.";
    private static final String ENTRY_CLASS = "dev.telemetryagent.TelemetryAgent";
    private static final String THIS_CLASS = "dev.telemetryagent.AgentClassLoader";
    /** Far above any class file of the agent's or Byte Buddy's. */
    private static final long MAX_CLASS_BYTES = 1L << 20;

    private final File file;
    private final ZipFile jar;
    private final ProtectionDomain domain;
    private byte[] buffer = new byte[16 * 1024];

    /**
     * @param name the loader's name, seen in class loading logs and stack traces
     * @param file the jar, which stays open for the run
     * @param domain given to every class defined: its code source names the jar
     * @param parent where every other class comes from
     */
    public AgentClassLoader(String name, File file, ProtectionDomain domain, ClassLoader parent) throws IOException {
        super(name, parent);
        this.file = file;
        this.jar = new ZipFile(file);
        this.domain = domain;
    }

    /**
     * The loader of the agent whose entry class is given: one over the jar that class came from, or the
     * entry class's own loader when it did not come from a jar (the build's class directory) or the jar
     * cannot be opened.
     */
    public static ClassLoader forAgent(Class<?> entry) {
        ProtectionDomain domain = entry.getProtectionDomain();
        File file = jarOf(entry);
        if (file != null) {
            try {
                return new AgentClassLoader("telemetry-agent", file, domain, entry.getClassLoader());
            } catch (IOException e) {
                // The application class loader read the entry class from this jar; it can read the rest.
            }
        }
        return entry.getClassLoader();
    }

    /** The jar this loader reads. */
    public File jar() {
        return file;
    }

    /** The jar file the class was read from, or null (a directory, a URL that is no file, no code source). */
    public static File jarOf(Class<?> c) {
        try {
            CodeSource source = c.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) {
                return null;
            }
            URL location = source.getLocation();
            // A plain file URL's path is the file's path; parsing it as a URI costs start-up time.
            String path = location.getPath();
            File f = "file".equals(location.getProtocol()) && path.indexOf('%') < 0 ? new File(path)
                    : new File(location.toURI());
            return f.isFile() ? f : null;
        } catch (Exception e) {
            return null;
        }
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (name.startsWith(JDK_PACKAGE)) {
            Class<?> c = bootstrapClass(name);
            if (c == null) {
                return super.loadClass(name, resolve);
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
        if (name.startsWith(SHARED_PACKAGE) || name.equals(ENTRY_CLASS) || name.equals(THIS_CLASS)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                ZipEntry entry = jar.getEntry(name.replace('.', '/').concat(".class"));
                if (entry == null) {
                    return super.loadClass(name, resolve);
                }
                int length = read(entry, name);
                c = defineClass(name, buffer, 0, length, domain);
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }

    /**
     * A {@code java.} class of the bootstrap loader, or null (one of the platform loader's, or a security
     * manager in the way). Asked of the JVM directly: through the parent, each of the hundred-odd JDK
     * classes the agent's classes name went through the application and bootstrap loaders' delegation, a
     * lock object and a map entry each, all of it Java code still interpreted at that point of a JVM's life.
     * The result is the same class either way: only the JDK's own loaders define {@code java.} classes.
     */
    private static Class<?> bootstrapClass(String name) {
        if (name.startsWith(PLATFORM_HTTP)) {
            return null;
        }
        try {
            return Class.forName(name, false, null);
        } catch (ClassNotFoundException | SecurityException notThere) {
            return null;
        }
    }

    /** The jar's own entries first: Byte Buddy reads class files (the advice's, its annotations') as resources. */
    @Override
    public InputStream getResourceAsStream(String name) {
        ZipEntry entry = jar.getEntry(name);
        if (entry == null) {
            return super.getResourceAsStream(name);
        }
        try {
            return jar.getInputStream(entry);
        } catch (IOException e) {
            return null;
        }
    }

    /** Reads the entry into {@link #buffer}, grown when it is too small; returns its length. */
    private int read(ZipEntry entry, String name) throws ClassNotFoundException {
        long size = entry.getSize();
        if (size < 0 || size > MAX_CLASS_BYTES) {
            throw new ClassNotFoundException(name);
        }
        int length = (int) size;
        if (length > buffer.length) {
            buffer = new byte[Math.max(length, 2 * buffer.length)];
        }
        try (InputStream in = jar.getInputStream(entry)) {
            int n = 0;
            int r;
            while (n < length && (r = in.read(buffer, n, length - n)) > 0) {
                n += r;
            }
            if (n != length) {
                throw new ClassNotFoundException(name);
            }
        } catch (IOException e) {
            throw new ClassNotFoundException(name, e);
        }
        return length;
    }
}
