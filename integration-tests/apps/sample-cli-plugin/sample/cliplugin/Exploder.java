package sample.cliplugin;

import java.util.function.Supplier;

/** A plugin, as a framework's users write them: its own code source, its own failure. */
public class Exploder implements Supplier<Integer> {
    @Override
    public Integer get() {
        return fuse(3);
    }

    private int fuse(int n) {
        if (n == 0) {
            throw new UnsupportedOperationException("plugin at /opt/plugins/exploder.jar gave up");
        }
        return fuse(n - 1);
    }
}
