package dev.telemetryagent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TomlParserTest {
    @Test
    void readsTablesKeysAndEveryValueType() throws Exception {
        TomlTable root = TomlParser.parse(String.join("\n",
                "# comment",
                "top = \"x\"  # trailing comment",
                "[a]",
                "s = \"tab\\tquote\\\" \\u00e9\"",
                "lit = 'C:\\path\\no\\escape'",
                "i = -1_000",
                "hex = 0xff",
                "oct = 0o17",
                "bin = 0b101",
                "f = 3.5e2",
                "t = true",
                "arr = [1, 2,",
                "  3, # inside",
                "]",
                "inline = { value = \"return.status\", in = [\"OK\"] }",
                "dotted.key = 7",
                "\"quoted key\" = 1",
                "[b.c]",
                "x = 1",
                ""));
        assertEquals("x", root.get("top"));
        TomlTable a = (TomlTable) root.get("a");
        assertEquals("tab\tquote\" é", a.get("s"));
        assertEquals("C:\\path\\no\\escape", a.get("lit"));
        assertEquals(-1000L, a.get("i"));
        assertEquals(255L, a.get("hex"));
        assertEquals(15L, a.get("oct"));
        assertEquals(5L, a.get("bin"));
        assertEquals(350.0, a.get("f"));
        assertEquals(Boolean.TRUE, a.get("t"));
        assertEquals(List.of(1L, 2L, 3L), a.get("arr"));
        TomlTable inline = (TomlTable) a.get("inline");
        assertEquals("return.status", inline.get("value"));
        assertEquals(7L, ((TomlTable) a.get("dotted")).get("key"));
        assertEquals(1L, a.get("quoted key"));
        assertEquals(1L, ((TomlTable) ((TomlTable) root.get("b")).get("c")).get("x"));
        assertEquals(4, a.lineOf("s"));
        assertEquals(12, a.lineOf("arr"));
    }

    @Test
    void arrayOfTablesKeepsEachTableAndItsLine() throws Exception {
        TomlTable root = TomlParser.parse("[[instrument]]\npicocli = true\n\n[[instrument]]\nclass = \"X\"\n");
        List<?> list = (List<?>) root.get("instrument");
        assertEquals(2, list.size());
        assertEquals(4, ((TomlTable) list.get(1)).line());
        assertInstanceOf(TomlParser.TableArray.class, list);
    }

    @Test
    void multiLineStrings() throws Exception {
        TomlTable root = TomlParser.parse("a = \"\"\"\nline1\nline2\"\"\"\nb = '''\nraw \\n'''\nc = 1\n");
        assertEquals("line1\nline2", root.get("a"));
        assertEquals("raw \\n", root.get("b"));
        assertEquals(6, root.lineOf("c"));
    }

    @Test
    void errorsNameTheLine() {
        assertLine(2, "a = 1\nb = \n");
        assertLine(2, "a = 1\nb = nope\n");
        assertLine(1, "a = \"unterminated\n");
        assertLine(2, "a = 1\na = 2\n");
        assertLine(3, "[t]\nx = 1\n[t]\n");
        assertLine(1, "a = 1 b = 2\n");
        assertLine(1, "d = 1979-05-27\n");
        assertLine(1, "x = 012\n");
        assertLine(1, "x = \"bad \\q escape\"\n");
        assertLine(1, "t = { a = 1\n");
        assertLine(2, "arr = [1,\n2 3]\n");
    }

    @Test
    void inlineTablesCannotBeExtended() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> TomlParser.parse("t = { a = 1 }\n[t.b]\nx = 1\n"));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("inline"));
    }

    @Test
    void byteOrderMarkAndCrLfAreAccepted() throws Exception {
        TomlTable root = TomlParser.parse("\uFEFFa = 1\r\nb = 'x'\r\n");
        assertEquals(1L, root.get("a"));
        assertEquals("x", root.get("b"));
    }

    @Test
    void controlCharactersInCommentsAndLiteralStringsAreErrors() {
        assertLine(2, "a = 1\n# bare \r carriage return\n");
        assertLine(2, "a = 1\n# del \u007f\n");
        assertLine(2, "a = 1\n# nul \u0000\n");
        assertLine(1, "a = 'nul \u0000'\n");
        assertLine(1, "a = 'del \u007f'\n");
        assertLine(1, "a = 'cr \r'\n");
        assertLine(2, "a = '''\nx\u0000'''\n");
        assertLine(1, "a = 1\r\r\n");
        assertLine(2, "a = 1\r\n\r");
        assertLine(2, "a = \"\"\"\nx\ry\"\"\"\n");
    }

    @Test
    void tabsAndCrLfStayAllowedInCommentsAndStrings() throws Exception {
        TomlTable root = TomlParser.parse("a = 'x\ty' # tab\there\r\nb = '''\r\nl1\r\nl2'''\r\n");
        assertEquals("x\ty", root.get("a"));
        assertEquals("l1\r\nl2", root.get("b"));
    }

    @Test
    void invalidUtf8IsAnErrorWithTheLine() throws Exception {
        byte[] valid = "a = \"\u00e9\u20ac\ud83d\ude00\"\n".getBytes(StandardCharsets.UTF_8);
        assertEquals("\u00e9\u20ac\ud83d\ude00", TomlParser.parse(TomlParser.decode(valid, valid.length)).get("a"));
        byte[][] bad = {
            {(byte) 0xff},
            {(byte) 0xc3},                                         // truncated
            {(byte) 0xc0, (byte) 0xaf},                            // overlong '/'
            {(byte) 0xe0, (byte) 0x80, (byte) 0xaf},               // overlong
            {(byte) 0xed, (byte) 0xa0, (byte) 0x80},               // surrogate U+D800
            {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80},  // beyond U+10FFFF
            {(byte) 0x80},                                         // lone continuation byte
        };
        for (byte[] b : bad) {
            byte[] doc = new byte[6 + b.length + 1];
            System.arraycopy("a=1\n# ".getBytes(StandardCharsets.US_ASCII), 0, doc, 0, 6);
            System.arraycopy(b, 0, doc, 6, b.length);
            doc[doc.length - 1] = '\n';
            ConfigException e = assertThrows(ConfigException.class, () -> TomlParser.decode(doc, doc.length));
            assertEquals(2, e.line());
            assertEquals("not valid UTF-8", e.getMessage());
        }
    }

    @Test
    void floatsWithLeadingZerosOrMisplacedUnderscoresAreErrors() throws Exception {
        for (String f : new String[] {"03.14", "-03.14", "+03.14", "00.1", "1e_2", "1_e2", "3_.14", "3._14",
            "1.2_e2", "1e2_", "1.", ".5", "1.e2", "1e", "1e+", "_1.0", "1__0.0"}) {
            assertLine(1, "x = " + f + "\n");
        }
        TomlTable ok = TomlParser.parse("a = 0.5\nb = 1_000.0_5\nc = 1e06\nd = -0.0\ne = 6.626e-34\nf = 0e0\n");
        assertEquals(0.5, ok.get("a"));
        assertEquals(1000.05, ok.get("b"));
        assertEquals(1e6, ok.get("c"));
        assertEquals(6.626e-34, ok.get("e"));
    }

    @Test
    void integersWithMisplacedUnderscoresSignsOrOverflowAreErrors() {
        for (String i : new String[] {"0x_1", "0x1_", "0x-1", "+0x1", "0x", "0b2", "0o8", "1_", "_1", "1__2",
            "9223372036854775808", "0x8000000000000000", "0xg1"}) {
            assertLine(1, "x = " + i + "\n");
        }
    }

    @Test
    void aTableDefinedByDottedKeysCannotBeDefinedAgainByAHeader() throws Exception {
        assertLine(2, "a.b.c = 1\n[a.b]\n");
        assertLine(2, "a.b.c = 1\n[a]\n");
        assertLine(4, "[fruit]\napple.color = 'red'\n\n[fruit.apple]\n");
        assertLine(3, "[t1]\nt2.t3.v = 0\n[t1.t2.t3]\n");
        assertLine(4, "[a.b]\nx = 1\n[a]\n[a]\n");
        assertLine(3, "[a]\nx = 1\n[a.x]\n");
        TomlTable root = TomlParser.parse("a.b.c = 1\n[a.b.d]\ne = 2\n[x.y]\n[x]\nz = 1\n");
        assertEquals(2L, ((TomlTable) ((TomlTable) ((TomlTable) root.get("a")).get("b")).get("d")).get("e"));
    }

    @Test
    void aMultiLineLiteralStringTakesAtMostTwoQuotesBeforeItsEnd() throws Exception {
        assertEquals("x''", TomlParser.parse("a = '''x'''''\n").get("a"));
        assertLine(1, "a = '''6 apostrophes: ''''''\n");
        assertLine(1, "a = '''many: ''''''''''''\n");
    }

    @Test
    void datesAndTimesStayRejectedWithTheirOwnMessage() {
        for (String d : new String[] {"1979-05-27", "1979-05-27T07:32:00Z", "07:32:00", "1979-05-27 07:32:00"}) {
            ConfigException e = assertThrows(ConfigException.class, () -> TomlParser.parse("d = " + d + "\n"));
            assertEquals(1, e.line());
            assertTrue(e.getMessage().contains("dates and times"), e.getMessage());
        }
    }

    @Test
    void pathologicalInputsEndInOneShortErrorNeverAStackOverflow() {
        int size = 1 << 20;
        String[] hostile = {
            "[" + repeat("a.", size / 2) + "a]\n",
            repeat("a.", size / 2) + "a = 1\n",
            "x = " + repeat("[", size) + "\n",
            "x = " + repeat("{a=", size / 3) + "\n",
            "x = " + repeat("[{a=", size / 4) + "\n",
            "[" + repeat("\"k\".", size / 4) + "\"k\"]\n",
        };
        for (String toml : hostile) {
            ConfigException e = assertThrows(ConfigException.class, () -> TomlParser.parse(toml));
            assertEquals(1, e.line());
            assertTrue(e.describe("f").length() < 300, e.describe("f"));
        }
    }

    @Test
    void nestingUpToTheLimitIsAccepted() throws Exception {
        int n = TomlParser.MAX_NESTING;
        TomlParser.parse("[" + repeat("a.", n - 1) + "a]\nx = " + repeat("[", n) + repeat("]", n) + "\n");
        assertLine(1, "[" + repeat("a.", n) + "a]\n");
        assertLine(1, "x = " + repeat("[", n + 1) + repeat("]", n + 1) + "\n");
    }

    @Test
    void hugeFlatDocumentsParse() throws Exception {
        StringBuilder sb = new StringBuilder("a = [");
        for (int i = 0; i < 100_000; i++) {
            sb.append(i).append(',');
        }
        sb.append("]\nt = [").append(repeat("{},", 100_000)).append("]\n");
        for (int i = 0; i < 20_000; i++) {
            sb.append("[[h]]\nk.v").append(i).append(" = 1\n");
        }
        TomlTable root = TomlParser.parse(sb.toString());
        assertEquals(100_000, ((List<?>) root.get("a")).size());
        assertEquals(100_000, ((List<?>) root.get("t")).size());
        assertEquals(20_000, ((List<?>) root.get("h")).size());
    }

    private static String repeat(String s, int n) {
        StringBuilder sb = new StringBuilder(s.length() * n);
        for (int i = 0; i < n; i++) {
            sb.append(s);
        }
        return sb.toString();
    }

    private static void assertLine(int line, String toml) {
        ConfigException e = assertThrows(ConfigException.class, () -> TomlParser.parse(toml), toml);
        assertEquals(line, e.line(), toml + " -> " + e.getMessage());
    }
}
