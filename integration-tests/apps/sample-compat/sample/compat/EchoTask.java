package sample.compat;

/** A task implementation loaded before a dynamic attach. */
public class EchoTask implements Task {
    @Override
    public String perform(String input) {
        return "echo:" + input;
    }
}
