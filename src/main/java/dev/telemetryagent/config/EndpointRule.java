package dev.telemetryagent.config;

import java.util.Locale;

/**
 * The transport rule for endpoints: {@code https://} anywhere, {@code http://} only to a loopback
 * host, so events never cross a network in clear text. Parsed by hand: {@code java.net.URI} costs the
 * host's startup more than this whole check.
 */
public final class EndpointRule {
    private EndpointRule() {
    }

    /** Null when the endpoint is acceptable, else what is wrong with it. */
    public static String check(String endpoint) {
        int colon = endpoint.indexOf("://");
        if (colon <= 0) {
            return "\"" + endpoint + "\" is not a URL (write https://host/path)";
        }
        String scheme = endpoint.substring(0, colon).toLowerCase(Locale.ROOT);
        String rest = endpoint.substring(colon + 3);
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (c <= ' ' || c == '"' || c == '<' || c == '>' || c == '\\' || c == '^' || c == '`' || c == '{'
                    || c == '|' || c == '}' || c >= 0x7f) {
                return "\"" + endpoint + "\" is not a URL (it contains '" + c + "')";
            }
        }
        if (rest.indexOf('?') >= 0 || rest.indexOf('#') >= 0) {
            return "the endpoint may not have a query or fragment";
        }
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        if (authority.indexOf('@') >= 0) {
            return "credentials do not belong in the endpoint; use api_key";
        }
        String host = host(authority);
        if (host == null) {
            return "\"" + endpoint + "\" has no valid host (write https://host/path)";
        }
        if (authority.length() > host.length()) {
            String port = authority.substring(host.length() + 1);
            int number = Integer.parseInt(port);
            if (number < 1 || number > 65535) {
                return "port " + port + " is out of range (1 to 65535)";
            }
        }
        if (scheme.equals("https")) {
            return null;
        }
        if (scheme.equals("http")) {
            return isLoopback(host) ? null
                    : "http:// is only allowed for loopback hosts (localhost, 127.0.0.1, [::1]); use https://";
        }
        return "unsupported scheme \"" + scheme + "\" (use https://)";
    }

    /** The host of {@code host[:port]} or {@code [v6][:port]}, or null when malformed. */
    static String host(String authority) {
        String host;
        String port;
        if (authority.startsWith("[")) {
            int end = authority.indexOf(']');
            if (end < 0) {
                return null;
            }
            host = authority.substring(0, end + 1);
            port = authority.substring(end + 1);
            if (!port.isEmpty() && !port.startsWith(":")) {
                return null;
            }
            port = port.isEmpty() ? "" : port.substring(1);
        } else {
            int c = authority.indexOf(':');
            host = c < 0 ? authority : authority.substring(0, c);
            port = c < 0 ? "" : authority.substring(c + 1);
            if (host.indexOf(':') >= 0) {
                return null;
            }
        }
        if (host.isEmpty() || authority.endsWith(":")) {
            return null;
        }
        for (int i = 0; i < port.length(); i++) {
            if (port.charAt(i) < '0' || port.charAt(i) > '9' || i > 4) {
                return null;
            }
        }
        return host;
    }

    /** True for {@code localhost}, {@code 127.0.0.0/8} and {@code ::1}, without any name lookup. */
    public static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.equals("localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")) {
            return true;
        }
        String[] parts = h.split("\\.", -1);
        if (parts.length != 4 || !parts[0].equals("127")) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3) {
                return false;
            }
            for (int i = 0; i < p.length(); i++) {
                if (p.charAt(i) < '0' || p.charAt(i) > '9') {
                    return false;
                }
            }
            if (Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }
}
