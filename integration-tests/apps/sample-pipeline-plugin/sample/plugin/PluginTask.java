package sample.plugin;

/** Loaded by a URLClassLoader whose parent is the platform loader. */
public class PluginTask {
    public String run(String input) {
        return "done:" + input.length();
    }
}
