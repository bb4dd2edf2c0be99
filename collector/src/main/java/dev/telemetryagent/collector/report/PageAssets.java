package dev.telemetryagent.collector.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;

/**
 * What the report page inlines, read once from the class path: Apache ECharts' script from its WebJar, and the
 * page's own script and style. Inlined rather than linked, so that the page opens offline and asks no network for
 * anything.
 */
final class PageAssets {
    private static final String ECHARTS_POM = "META-INF/maven/org.webjars.npm/echarts/pom.properties";
    /** The build with the charts, components and SVG renderer the page uses, two thirds the size of the full one. */
    private static final String ECHARTS_SCRIPT = "META-INF/resources/webjars/echarts/%s/dist/echarts.common.min.js";

    private PageAssets() {
    }

    /** ECharts' version, as its WebJar names it. */
    static String echartsVersion() {
        return Loaded.ECHARTS_VERSION;
    }

    /** ECharts' minified script. */
    static String echarts() {
        return Loaded.ECHARTS;
    }

    /** The page's own script: draws the charts from the report's JSON. */
    static String pageScript() {
        return Loaded.PAGE_SCRIPT;
    }

    /** The page's style sheet. */
    static String pageStyle() {
        return Loaded.PAGE_STYLE;
    }

    /** Read at first use, so that {@code report --json} and the server's start read none of it. */
    private static final class Loaded {
        static final String ECHARTS_VERSION = echartsVersionFromPom();
        static final String ECHARTS = inlinable(read(String.format(Locale.ROOT, ECHARTS_SCRIPT, ECHARTS_VERSION)));
        static final String PAGE_SCRIPT = inlinable(read("dev/telemetryagent/collector/report/report-page.js"));
        static final String PAGE_STYLE = inlinable(read("dev/telemetryagent/collector/report/report-page.css"));
    }

    private static String echartsVersionFromPom() {
        Properties pom = new Properties();
        try (InputStream in = open(ECHARTS_POM)) {
            pom.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pom.getProperty("version");
    }

    private static String read(String path) {
        try (InputStream in = open(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open(String path) throws IOException {
        InputStream in = PageAssets.class.getClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new IOException("missing from the collector's jar: " + path);
        }
        return in;
    }

    /**
     * The text itself, once it is known not to end the element it is inlined in: an HTML parser ends a script or
     * style element at {@code </script} or {@code </style}, and {@code <!--} changes how it looks for that end.
     */
    static String inlinable(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.contains("</script") || lower.contains("</style") || lower.contains("<!--")) {
            throw new IllegalStateException("cannot be inlined in the report page: it contains an end tag");
        }
        return text;
    }
}
