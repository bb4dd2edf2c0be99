package dev.telemetryagent.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The transport rule for endpoints: {@code https://} anywhere, {@code http://} only to a loopback
 * host, so events never cross a network in clear text.
 */
public final class EndpointRule {
    private EndpointRule() {
    }

    /** Null when the endpoint is acceptable, else what is wrong with it. */
    public static String check(String endpoint) {
        URI uri;
        try {
            uri = new URI(endpoint);
        } catch (URISyntaxException e) {
            return "\"" + endpoint + "\" is not a URL";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            return "\"" + endpoint + "\" has no host (write https://host/path)";
        }
        if (uri.getUserInfo() != null) {
            return "credentials do not belong in the endpoint; use api_key";
        }
        if (uri.getQuery() != null || uri.getFragment() != null) {
            return "the endpoint may not have a query or fragment";
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
