package dev.telemetryagent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    private static void assertLine(int line, String toml) {
        ConfigException e = assertThrows(ConfigException.class, () -> TomlParser.parse(toml), toml);
        assertEquals(line, e.line(), toml + " -> " + e.getMessage());
    }
}
