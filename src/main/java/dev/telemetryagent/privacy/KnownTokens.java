package dev.telemetryagent.privacy;

/**
 * Credentials recognised by their published prefixes (the families gitleaks knows): cloud keys (AWS,
 * Google, Alibaba, DigitalOcean, Azure), forge tokens (GitHub, GitLab, Bitbucket, Atlassian), chat and
 * payment (Slack, Stripe, Square, Twilio, SendGrid, Mailgun, Brevo), AI providers (OpenAI, Anthropic,
 * Hugging Face), package registries (npm, PyPI, RubyGems, Clojars, Artifactory), observability and
 * SaaS (Sentry, Grafana, New Relic, Dynatrace, Databricks, Doppler, Vault, Pulumi, Postman, Linear,
 * Notion, Shopify, Figma, PlanetScale, Age), and JSON Web Tokens.
 */
final class KnownTokens {
    /** Prefix, then the fewest token characters that must follow it. */
    private static final String[] PREFIXES = {
        "AKIA", "16", "ASIA", "16", "ABIA", "16", "ACCA", "16", "A3T", "17", "AGPA", "16", "AIDA", "16",
        "AROA", "16", "ANPA", "16", "ANVA", "16", "AIPA", "16",
        "AIza", "30", "LTAI", "20", "dop_v1_", "40", "doo_v1_", "40", "dor_v1_", "40",
        "ghp_", "30", "gho_", "30", "ghu_", "30", "ghs_", "30", "ghr_", "30", "github_pat_", "30",
        "glpat-", "20", "glptt-", "20", "glrt-", "20", "gldt-", "20", "glft-", "20", "glimt-", "20",
        "glagent-", "20", "glcbt-", "20", "glsoat-", "20", "glffct-", "20", "gloas-", "20", "GR1348941", "20",
        "ATATT3", "40", "ATBB", "30", "AKCp", "40", "cmVmd", "40",
        "xoxb-", "10", "xoxp-", "10", "xoxa-", "10", "xoxo-", "10", "xoxs-", "10", "xoxr-", "10", "xoxe-", "10",
        "xoxe.", "10", "xapp-", "10",
        "sk_live_", "10", "sk_test_", "10", "rk_live_", "10", "rk_test_", "10", "pk_live_", "10",
        "pk_test_", "10", "whsec_", "20", "sq0atp-", "20", "sq0csp-", "20", "EAAA", "40",
        "SG.", "40", "xkeysib-", "40", "key-", "30", "SK", "32", "AC", "32",
        "sk-ant-", "30", "sk-proj-", "30", "sk-svcacct-", "30", "sk-admin-", "30", "sk-", "32",
        "hf_", "30", "api_org_", "30",
        "npm_", "30", "pypi-", "50", "rubygems_", "40", "CLOJARS_", "40",
        "sntrys_", "30", "sntryu_", "30", "glc_", "30", "glsa_", "30", "NRAK-", "20", "NRJS-", "20",
        "NRII-", "20", "dt0c01.", "30", "dapi", "32", "dp.pt.", "30", "dp.st.", "30", "dp.ct.", "30",
        "hvs.", "20", "hvb.", "20", "hvr.", "20", "pul-", "40", "PMAK-", "40", "lin_api_", "30", "ntn_", "30",
        "secret_", "40", "shpat_", "30", "shpca_", "30", "shppa_", "30", "shpss_", "30", "figd_", "30",
        "pscale_tkn_", "30", "pscale_pw_", "30", "pscale_oauth_", "30", "AGE-SECRET-KEY-1", "50",
        "ops_eyJ", "50", "sgp_", "30", "tfp_", "30", "rdme_", "30", "pnu_", "30", "fo1_", "30",
        "duffel_live_", "30", "duffel_test_", "30", "EZAK", "30", "FLWSECK", "30", "FlyV1", "30", "eyJ", "20",
    };

    private static final int[] MIN_REST = new int[PREFIXES.length / 2];

    static {
        for (int p = 0; p < MIN_REST.length; p++) {
            MIN_REST[p] = Integer.parseInt(PREFIXES[2 * p + 1]);
        }
    }

    private KnownTokens() {
    }

    /** Whether the word starts with a known prefix followed by enough token characters. */
    static boolean isKnownToken(String w) {
        int n = w.length();
        if (n < 12) {
            return false;
        }
        char first = w.charAt(0);
        for (int p = 0; p < PREFIXES.length; p += 2) {
            String prefix = PREFIXES[p];
            if (prefix.charAt(0) != first || !w.startsWith(prefix)) {
                continue;
            }
            int need = MIN_REST[p / 2];
            int run = tokenRun(w, prefix.length());
            if (run >= need && hasDigitOrUpper(w, prefix.length(), prefix.length() + run)) {
                return true;
            }
        }
        return false;
    }

    private static int tokenRun(String w, int from) {
        int i = from;
        while (i < w.length()) {
            char c = w.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-'
                    || c == '.' || c == '=' || c == '+' || c == '/' || c == '~') {
                i++;
            } else {
                break;
            }
        }
        return i - from;
    }

    private static boolean hasDigitOrUpper(String w, int from, int to) {
        boolean digit = false;
        boolean upper = false;
        boolean lower = false;
        for (int i = from; i < to; i++) {
            char c = w.charAt(i);
            digit |= c >= '0' && c <= '9';
            upper |= c >= 'A' && c <= 'Z';
            lower |= c >= 'a' && c <= 'z';
        }
        return digit || (upper && lower);
    }
}
