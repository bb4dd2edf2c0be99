package dev.telemetryagent.collector.cli;

import picocli.CommandLine;

/** The collector's version, from its jar's manifest. */
public final class CollectorVersion implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = CollectorVersion.class.getPackage().getImplementationVersion();
        return new String[] {"telemetry-collector " + (v == null ? "(development build)" : v)};
    }
}
