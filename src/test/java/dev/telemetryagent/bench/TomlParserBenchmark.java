package dev.telemetryagent.bench;

import dev.telemetryagent.config.ConfigException;
import dev.telemetryagent.config.TomlParser;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of decoding and parsing 1 MiB hostile TOML documents, as a cloned repository's project file
 * could hold (target: a few ms per 100 KB, never more than linear): a header and a key of 500,000
 * dotted parts, arrays and inline tables nested 300,000 deep (all refused at the nesting limit), and
 * the documents that are accepted: a flat array of 200,000 numbers and 40,000 tables.
 * Run: {@code bench/jmh TomlParserBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TomlParserBenchmark {
    @Param({"dottedHeader", "dottedKey", "deepArrays", "deepInlineTables", "hugeArray", "manyTables"})
    public String input;

    /** Input size in KiB: compare 256 and 1024 to see that the cost grows linearly. */
    @Param({"1024"})
    public int kib;

    private byte[] bytes;

    @Setup
    public void setUp() {
        int size = kib << 10;
        StringBuilder sb = new StringBuilder(size + 64);
        switch (input) {
            case "dottedHeader":
                sb.append('[');
                fill(sb, size, "a.");
                sb.append("a]\n");
                break;
            case "dottedKey":
                fill(sb, size, "a.");
                sb.append("a = 1\n");
                break;
            case "deepArrays":
                sb.append("x = ");
                fill(sb, size, "[");
                break;
            case "deepInlineTables":
                sb.append("x = ");
                fill(sb, size, "{a=");
                break;
            case "hugeArray":
                sb.append("x = [");
                fill(sb, size, "12345,");
                sb.append("]\n");
                break;
            default:
                fill(sb, size, "[[h]]\nk.v = 1\n");
                break;
        }
        bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void fill(StringBuilder sb, int size, String unit) {
        while (sb.length() < size) {
            sb.append(unit);
        }
    }

    /** Decodes and parses; a refused document returns its error, as the agent would report it. */
    @Benchmark
    public Object parse() {
        try {
            return TomlParser.parse(TomlParser.decode(bytes, bytes.length));
        } catch (ConfigException refused) {
            return refused;
        }
    }
}
