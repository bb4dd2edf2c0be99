package dev.telemetryagent.config;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EndpointRuleTest {
    @Test
    void acceptsHttpsAnywhereAndHttpOnLoopback() {
        for (String ok : new String[] {"https://collector.example.com", "https://eu.i.posthog.com/", "https://h:8443/v1",
                "HTTPS://Example.COM/x", "http://localhost:8080/e", "http://127.0.0.1/e", "http://127.9.9.9:1",
                "http://[::1]:4318", "https://[2001:db8::1]/x", "https://h:1/", "https://h:65535/x", "http://[::1]:65535"}) {
            assertNull(EndpointRule.check(ok), ok);
        }
    }

    @Test
    void rejectsEverythingElse() {
        for (String bad : new String[] {"collector.example.com", "http://collector.example.com", "http://10.0.0.1/e",
                "http://127.0.0.1.evil.com/", "ftp://127.0.0.1", "https://", "https://:443", "https://user:pw@h/x",
                "https://h/x?token=1", "https://h/#f", "https://h:port/", "https://h:/x", "https://h x/",
                "http://localhost.evil.com", "https://[::1/x", "http://0.0.0.0/", "http://128.0.0.1/"}) {
            assertNotNull(EndpointRule.check(bad), bad);
        }
    }

    @Test
    void aPortOutsideOneTo65535IsRejectedAndSaysSo() {
        for (String bad : new String[] {"https://h:99999/x", "https://h:0/x", "https://h:65536", "http://localhost:00000/",
                "http://[::1]:70000/e"}) {
            String problem = EndpointRule.check(bad);
            assertNotNull(problem, bad);
            assertTrue(problem.contains("out of range"), problem);
        }
    }
}
