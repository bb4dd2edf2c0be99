package dev.telemetryagent.send;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.NoSuchProviderException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

/**
 * The agent's own TLS context, for every HTTPS request it makes: it trusts the JDK's trust store (or
 * the one {@code javax.net.ssl.trustStore} names, which the detached sender is given), never what the
 * application made the default. An application that replaced {@code SSLContext.setDefault} (say with a
 * trust-all context) or {@code HttpsURLConnection}'s hostname verifier changes its own connections, not
 * the agent's: the agent's HttpClient checks the host name itself. Built on first use, only when an
 * https endpoint is actually used: startup never pays for it. The JDK's own provider is asked for by
 * name, so a provider the application put first is not used either.
 */
final class AgentTls {
    private static final String JDK_PROVIDER = "SunJSSE";
    private static SSLContext context;

    private AgentTls() {
    }

    /**
     * The context's default parameters with host name verification asked for explicitly, so that it
     * stays on even where the application set {@code jdk.internal.httpclient.disableHostnameVerification}
     * for its own HttpClient.
     */
    static SSLParameters parameters() throws GeneralSecurityException {
        SSLParameters p = context().getDefaultSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS");
        return p;
    }

    /** The context, built once. */
    static synchronized SSLContext context() throws GeneralSecurityException {
        if (context == null) {
            TrustManagerFactory tmf;
            SSLContext c;
            try {
                tmf = TrustManagerFactory.getInstance("PKIX", JDK_PROVIDER);
                c = SSLContext.getInstance("TLS", JDK_PROVIDER);
            } catch (NoSuchProviderException notThisJdk) {
                tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                c = SSLContext.getInstance("TLS");
            }
            tmf.init((KeyStore) null);
            c.init(null, tmf.getTrustManagers(), null);
            context = c;
        }
        return context;
    }
}
