package dev.telemetryagent.privacy;

import dev.telemetryagent.state.FileReads;
import java.io.File;
import java.util.Locale;

/**
 * This machine's user name and host name, so the redactor can replace them wherever they appear. Read
 * once, on first use (on the flush side, never at startup), and cheaply: the {@code user.name}
 * property, the {@code HOSTNAME} / {@code COMPUTERNAME} variables, else the first line of
 * {@code /etc/hostname}. Never a DNS lookup. Names that identify nobody ({@code root}, {@code runner},
 * {@code localhost}, ...) or are shorter than three characters are left out, so they cannot blank
 * ordinary words.
 */
final class MachineIdentity {
    private static final String[] GENERIC = {
        "root", "admin", "administrator", "user", "users", "runner", "ubuntu", "debian", "centos", "ec2-user",
        "jenkins", "node", "app", "nobody", "vagrant", "docker", "circleci", "gitpod", "codespace", "vscode",
        "build", "builder", "default", "guest", "localhost", "localhost.localdomain", "home", "test", "java",
    };

    /** Lower-case user name, or null. */
    final String user;
    /** Lower-case host name, or null. */
    final String host;
    /** Lower-case first label of the host name when it differs from the whole, or null. */
    final String shortHost;

    MachineIdentity(String user, String host) {
        this.user = usable(user);
        String h = usable(host);
        this.host = h;
        int dot = h == null ? -1 : h.indexOf('.');
        this.shortHost = dot > 0 ? usable(h.substring(0, dot)) : null;
    }

    /** The identity of the running machine, read once. */
    static MachineIdentity current() {
        return Holder.CURRENT;
    }

    /** Whether a word is, or contains, this machine's user or host name. */
    String match(String word) {
        if (user != null && contains(word, user)) {
            return Placeholders.USER;
        }
        if ((host != null && contains(word, host)) || (shortHost != null && contains(word, shortHost))) {
            return Placeholders.HOST;
        }
        return null;
    }

    private static boolean contains(String word, String name) {
        int n = name.length();
        if (word.length() < n) {
            return false;
        }
        if (n < 4) {
            return word.equalsIgnoreCase(name);
        }
        for (int i = 0; i + n <= word.length(); i++) {
            if (word.regionMatches(true, i, name, 0, n)) {
                return true;
            }
        }
        return false;
    }

    private static String usable(String name) {
        if (name == null) {
            return null;
        }
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (n.length() < 3 || n.length() > 253) {
            return null;
        }
        for (String g : GENERIC) {
            if (g.equals(n)) {
                return null;
            }
        }
        return n;
    }

    static String readHostName() {
        String env = System.getenv("HOSTNAME");
        if (env == null || env.trim().isEmpty()) {
            env = System.getenv("COMPUTERNAME");
        }
        if (env != null && !env.trim().isEmpty()) {
            return env.trim();
        }
        return firstLine(new File("/etc/hostname"));
    }

    private static String firstLine(File f) {
        String text = FileReads.head(f, 256);
        if (text == null) {
            return null;
        }
        int nl = text.indexOf('\n');
        return (nl >= 0 ? text.substring(0, nl) : text).trim();
    }

    /** Lazy holder: the files and properties are read when the redactor first needs them. */
    private static final class Holder {
        static final MachineIdentity CURRENT = new MachineIdentity(System.getProperty("user.name"), readHostName());
    }
}
