package sample.compat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A parallel-capable loader that defines classes itself from a directory, with the platform loader as
 * parent, and that deliberately exposes no resources (like many hand-written loaders).
 */
final class ParallelLoader extends ClassLoader {
    static {
        registerAsParallelCapable();
    }

    private final Path dir;

    ParallelLoader(Path dir) {
        super("parallel", ClassLoader.getPlatformClassLoader());
        this.dir = dir;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        Path file = dir.resolve(name.replace('.', '/') + ".class");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readAllBytes();
            return defineClass(name, bytes, 0, bytes.length);
        } catch (IOException e) {
            throw new ClassNotFoundException(name, e);
        }
    }

    @Override
    public InputStream getResourceAsStream(String name) {
        return null;
    }
}
