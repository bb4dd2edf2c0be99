package dev.telemetryagent.config;

import java.util.Locale;

/**
 * Whether a name names a secret, as the contract lists them (and as Sentry's default data scrubbing
 * does): a property or hash so named, or read through an accessor whose last segment is so named,
 * is sent as {@code <secret>}. Parts of a word count ({@code dbPassword}, {@code authHeader}): when in
 * doubt, send nothing.
 */
public final class SecretNames {
    /** What is sent instead of a secret-named value: the redactor's placeholder for secrets. */
    public static final String PLACEHOLDER = "<secret>";

    /** The contract's list without separators: a Java field spells {@code private_key} as {@code privateKey}. */
    private static final String[] PARTS = {
        "password", "passwd", "pwd", "secret", "token", "apikey", "credential", "privatekey", "auth",
    };

    private SecretNames() {
    }

    /**
     * Whether {@code name} contains a secret's name, in any case and with or without {@code _} or
     * {@code -}: {@code api-key}, {@code apiKey} and {@code api_key} all count.
     */
    public static boolean isSecret(String name) {
        String n = name.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
        for (String part : PARTS) {
            if (n.contains(part)) {
                return true;
            }
        }
        return false;
    }
}
