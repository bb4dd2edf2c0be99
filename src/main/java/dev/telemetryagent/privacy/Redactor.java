package dev.telemetryagent.privacy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces identifying parts of free text (error messages, configured property values) with
 * placeholders: {@code <path>}, {@code <url>}, {@code <email>}, {@code <ip>}, {@code <secret>}. Output is
 * single-line and bounded in length. Runs on the sender's side, never on the instrumented thread.
 */
public final class Redactor {
    /** Longest text kept, in characters, before an ellipsis. */
    public static final int MAX_LENGTH = 300;

    private static final Pattern URL = Pattern.compile("\\b[a-zA-Z][a-zA-Z0-9+.-]{1,20}://\\S+");
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
    private static final Pattern IPV4 = Pattern.compile("\\b(?:\\d{1,3}\\.){3}\\d{1,3}\\b");
    private static final Pattern PATH = Pattern.compile("(?:~|\\b[A-Za-z]:)?(?:[/\\\\][^\\s/\\\\:]+){2,}[/\\\\]?");
    private static final Pattern SECRET = Pattern.compile(
            "(?i)\\b(password|passwd|pwd|secret|token|api[_-]?key|auth|credential)s?(\\s*[=:]\\s*)\\S+");

    /** Redacts and bounds one text; null stays null. */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String s = text.replace('\r', ' ').replace('\n', ' ').replace('\t', ' ');
        s = SECRET.matcher(s).replaceAll("$1$2<secret>");
        s = URL.matcher(s).replaceAll("<url>");
        s = EMAIL.matcher(s).replaceAll("<email>");
        s = IPV4.matcher(s).replaceAll("<ip>");
        s = replacePaths(s);
        if (s.length() > MAX_LENGTH) {
            s = s.substring(0, MAX_LENGTH - 1) + "\u2026";
        }
        return s;
    }

    private static String replacePaths(String s) {
        Matcher m = PATH.matcher(s);
        return m.replaceAll("<path>");
    }
}
