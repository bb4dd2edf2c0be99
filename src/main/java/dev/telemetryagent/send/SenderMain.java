package dev.telemetryagent.send;

import dev.telemetryagent.config.AgentConfig;
import dev.telemetryagent.config.ConfigLoader;
import dev.telemetryagent.consent.Situation;
import java.io.File;

/**
 * Entry point of the detached sender process that the application's exit leaves behind: it delivers
 * the spool and exits. Nothing it does can delay or disturb the application, which has already ended.
 */
public final class SenderMain {
    /** System property marking the sender's own JVM, so an agent inherited through the environment stays inert. */
    public static final String MARKER = "telemetry.agent.sender";

    private SenderMain() {
    }

    /** {@code --config PATH}. */
    public static void main(String[] args) {
        int status = 0;
        try {
            if (args.length == 2 && args[0].equals("--config")) {
                AgentConfig config = ConfigLoader.load(new File(args[1]), System.getProperty("user.home"));
                new SpoolDelivery(config, Situation.current(config)).deliverAll();
            } else {
                status = 2;
            }
        } catch (Throwable t) {
            status = 1;
        }
        System.exit(status);
    }
}
