package dev.telemetryagent.consent;

import java.util.Map;

/**
 * Recognises a continuous-integration run from its environment: {@code CI} (unless {@code 0}/{@code false}),
 * the generic build variables, and each vendor's own variable, after the public ci-info vendor list.
 * A plain table of names keeps this a few dozen map lookups, with no regex and no extra classes.
 *
 * <p>A vendor variable counts even when {@code CI=false} is set: builds on Netlify or Vercel often set
 * {@code CI=false} for unrelated reasons, and when in doubt nothing is sent.
 */
public final class CiEnvironment {
    /** Pairs of (variable that is set, non-empty, in that vendor's builds; vendor name). */
    private static final String[] VENDOR_VARIABLES = {
        "AGOLA_GIT_REF", "Agola CI",
        "AC_APPCIRCLE", "Appcircle",
        "APPVEYOR", "AppVeyor",
        "CODEBUILD_BUILD_ARN", "AWS CodeBuild",
        "TF_BUILD", "Azure Pipelines",
        "SYSTEM_TEAMFOUNDATIONCOLLECTIONURI", "Azure Pipelines",
        "bamboo_planKey", "Bamboo",
        "BITBUCKET_COMMIT", "Bitbucket Pipelines",
        "BITRISE_IO", "Bitrise",
        "BUDDY_WORKSPACE_ID", "Buddy",
        "BUILDKITE", "Buildkite",
        "CIRCLECI", "CircleCI",
        "CIRRUS_CI", "Cirrus CI",
        "CF_PAGES", "Cloudflare Pages",
        "WORKERS_CI", "Cloudflare Workers",
        "CF_BUILD_ID", "Codefresh",
        "CM_BUILD_ID", "Codemagic",
        "DRONE", "Drone",
        "DSARI", "dsari",
        "EARTHLY_CI", "Earthly",
        "EAS_BUILD", "Expo Application Services",
        "GERRIT_PROJECT", "Gerrit",
        "GITEA_ACTIONS", "Gitea Actions",
        "GITHUB_ACTIONS", "GitHub Actions",
        "GITLAB_CI", "GitLab CI",
        "GO_PIPELINE_LABEL", "GoCD",
        "BUILDER_OUTPUT", "Google Cloud Build",
        "HARNESS_BUILD_ID", "Harness CI",
        "HUDSON_URL", "Hudson",
        "JENKINS_URL", "Jenkins",
        "LAYERCI", "LayerCI",
        "MAGNUM", "Magnum CI",
        "NETLIFY", "Netlify",
        "NEVERCODE", "Nevercode",
        "PROW_JOB_ID", "Prow",
        "RELEASE_BUILD_ID", "ReleaseHub",
        "RENDER", "Render",
        "SAILCI", "Sail CI",
        "SCREWDRIVER", "Screwdriver",
        "SEMAPHORE", "Semaphore",
        "SHIPPABLE", "Shippable",
        "TDDIUM", "Solano CI",
        "STRIDER", "Strider CD",
        "TASK_ID", "TaskCluster",
        "TEAMCITY_VERSION", "TeamCity",
        "TRAVIS", "Travis CI",
        "VELA", "Vela",
        "NOW_BUILDER", "Vercel",
        "VERCEL", "Vercel",
        "APPCENTER_BUILD_ID", "Visual Studio App Center",
        "CI_XCODE_PROJECT", "Xcode Cloud",
        "XCS", "Xcode Server",
    };

    /** Variables that build systems in general set (Jenkins, TeamCity, Codeship, Appflow, TaskCluster...). */
    private static final String[] GENERIC_VARIABLES = {
        "CONTINUOUS_INTEGRATION", "BUILD_ID", "BUILD_NUMBER", "CI_APP_ID", "CI_BUILD_ID", "CI_BUILD_NUMBER",
        "CI_NAME", "RUN_ID",
    };

    private CiEnvironment() {
    }

    /**
     * Why this looks like a CI run, for people ("GitHub Actions: GITHUB_ACTIONS is set", "CI=true"),
     * or null when it does not.
     */
    public static String detect(Map<String, String> env) {
        String ci = env.get("CI");
        if (Truthiness.isTruthy(ci)) {
            return "CI=" + ci.trim();
        }
        for (int i = 0; i < VENDOR_VARIABLES.length; i += 2) {
            if (isSet(env.get(VENDOR_VARIABLES[i]))) {
                return VENDOR_VARIABLES[i + 1] + ": " + VENDOR_VARIABLES[i] + " is set";
            }
        }
        for (String name : GENERIC_VARIABLES) {
            if (isSet(env.get(name))) {
                return name + " is set";
            }
        }
        return null;
    }

    private static boolean isSet(String value) {
        return value != null && !value.isEmpty();
    }

    /** Every vendor variable, for documentation and tests. */
    public static String[] vendorVariables() {
        String[] names = new String[VENDOR_VARIABLES.length / 2];
        for (int i = 0; i < names.length; i++) {
            names[i] = VENDOR_VARIABLES[2 * i];
        }
        return names;
    }
}
