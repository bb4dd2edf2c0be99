/** The floor: a -javaagent whose premain does nothing but return. */
public final class FloorAgent {
    private FloorAgent() {
    }

    public static void premain(String args, java.lang.instrument.Instrumentation inst) {
    }
}
