package dev.telemetryagent.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CiEnvironmentTest {
    @Test
    void everyVendorVariableIsRecognised() {
        for (String name : CiEnvironment.vendorVariables()) {
            assertNotNull(CiEnvironment.detect(Map.of(name, "true")), name);
        }
    }

    @Test
    void theListCoversTheVendorsTheIssueNames() {
        String[] names = {"GITHUB_ACTIONS", "GITLAB_CI", "CIRCLECI", "TRAVIS", "JENKINS_URL", "BUILDKITE", "TF_BUILD",
            "TEAMCITY_VERSION", "BITBUCKET_COMMIT", "CODEBUILD_BUILD_ARN", "DRONE", "APPVEYOR", "SEMAPHORE",
            "bamboo_planKey", "BUILDER_OUTPUT", "NOW_BUILDER", "VERCEL", "NETLIFY"};
        for (String name : names) {
            assertNotNull(CiEnvironment.detect(Map.of(name, "x")), name);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"BUILD_NUMBER", "BUILD_ID", "RUN_ID", "CI_NAME", "CONTINUOUS_INTEGRATION"})
    void genericBuildVariables(String name) {
        assertEquals(name + " is set", CiEnvironment.detect(Map.of(name, "42")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "false", "False", ""})
    void ciZeroFalseOrEmptyIsNotCi(String value) {
        assertNull(CiEnvironment.detect(Map.of("CI", value)));
    }

    @Test
    void aVendorVariableCountsEvenWithCiFalse() {
        assertEquals("Netlify: NETLIFY is set", CiEnvironment.detect(Map.of("CI", "false", "NETLIFY", "true")));
    }

    @Test
    void emptyVendorVariableDoesNotCount() {
        assertNull(CiEnvironment.detect(Map.of("GITHUB_ACTIONS", "")));
    }

    @Test
    void ciNamesItsValue() {
        assertEquals("CI=woodpecker", CiEnvironment.detect(Map.of("CI", "woodpecker")));
    }
}
