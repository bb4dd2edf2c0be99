package dev.telemetryagent.config;

/** How consent is obtained before the first event is sent. */
public enum ConsentPolicy {
    /** Send once an interactive run has shown the first-run notice. */
    NOTICE,
    /** Send once the user has answered the off / anonymous / identified prompt. */
    PROMPT,
    /** The maintainer collects consent; the agent asks nothing. */
    NONE
}
