package dev.telemetryagent.it.support;

/** Agent configurations for the sample apps. Consent is "none" unless a test is about consent. */
public final class Configs {
    private Configs() {
    }

    /** The [app] and [telemetry] part, with state in {@code <home>/.sample}. */
    public static String header(String extraTelemetry) {
        return "[app]\nname = \"sample\"\nversion = \"1.0.0\"\n\n"
                + "[telemetry]\nconsent = \"none\"\nerror_details = true\nhash_salt = \"test-salt\"\n"
                + extraTelemetry + "\n";
    }

    /** [sender] sending json to the collector. */
    public static String sender(Collector c, String extra) {
        return "[sender]\nendpoint = \"" + c.url() + "/events\"\nformat = \"json\"\n" + extra + "\n";
    }

    /** picocli instrumentation. */
    public static String picocli() {
        return "[[instrument]]\npicocli = true\n\n";
    }

    /** The sample pipeline's instrumentation, as a demanding maintainer would write it. */
    public static String pipeline() {
        return "[[instrument]]\n"
                + "class = \"sample.pipeline.Pipeline\"\n"
                + "methods = [\"run\", \"load\"]\n"
                + "category = \"pipeline\"\n"
                + "success = { value = \"return.status\", in = [\"COMPLETED\"] }\n"
                + "hash = { pipeline_name = \"this.name\", dataset_name = \"arg0\" }\n"
                + "properties = { destination_name = \"this.destination\" }\n\n"
                + "[[instrument]]\n"
                + "class = \"sample.pipeline.Pipeline\"\n"
                + "methods = [\"extract\", \"normalize\"]\n"
                + "category = \"pipeline\"\n"
                + "hash = { pipeline_name = \"this.name\", dataset_name = \"arg0\" }\n\n"
                + "[[instrument]]\n"
                + "class = \"sample.pipeline.Source\"\n"
                + "subtypes = true\n"
                + "methods = [\"fetch\"]\n"
                + "category = \"source\"\n"
                + "properties = { table = \"arg0\" }\n\n"
                + "[[instrument]]\n"
                + "class = \"sample.plugin.PluginTask\"\n"
                + "methods = [\"run\"]\n"
                + "category = \"plugin\"\n\n";
    }

    /** The sample Connector, whose failures carry secrets; its target and detail are sent as properties. */
    public static String connector() {
        return "[[instrument]]\n"
                + "class = \"sample.pipeline.Connector\"\n"
                + "methods = [\"connect\"]\n"
                + "category = \"connector\"\n"
                + "properties = { target = \"this.target\", detail = \"arg1\" }\n\n";
    }
}
