package dev.telemetryagent.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A strict TOML 1.0 parser for the agent's small configuration and state files.
 *
 * <p>It is written here rather than taken from Jackson because it runs on every start of the host
 * application: Jackson's TOML module builds a databind tree (hundreds of classes, 100 ms or more cold)
 * and forgets line numbers, which every validation error must name. Supported: comments, tables,
 * dotted tables, arrays of tables, bare/quoted/dotted keys, basic, literal and multi-line strings,
 * integers (decimal, hex, octal, binary), floats, booleans, arrays and inline tables. Dates and times
 * are rejected with a clear error, since no key of ours takes one.
 */
public final class TomlParser {
    private final String src;
    private int pos;
    private int line = 1;

    private TomlParser(String src) {
        this.src = src;
    }

    /** Parses a whole document into its root table. */
    public static TomlTable parse(String text) throws ConfigException {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        return new TomlParser(body).document();
    }

    private TomlTable document() throws ConfigException {
        TomlTable root = new TomlTable(1, false);
        TomlTable current = root;
        while (true) {
            skipBlankLines();
            if (pos >= src.length()) {
                return root;
            }
            char c = src.charAt(pos);
            if (c == '[') {
                current = header(root);
            } else {
                keyValue(current);
            }
            endOfLine();
        }
    }

    private TomlTable header(TomlTable root) throws ConfigException {
        int headerLine = line;
        boolean arrayOfTables = src.startsWith("[[", pos);
        pos += arrayOfTables ? 2 : 1;
        skipSpaces();
        List<String> path = keyPath();
        skipSpaces();
        if (arrayOfTables ? !src.startsWith("]]", pos) : !src.startsWith("]", pos)) {
            throw error(null, arrayOfTables ? "expected ']]' to close the table header"
                    : "expected ']' to close the table header");
        }
        pos += arrayOfTables ? 2 : 1;
        TomlTable parent = root;
        for (int i = 0; i < path.size() - 1; i++) {
            parent = descend(parent, path.get(i), headerLine, joined(path, i + 1));
        }
        String last = path.get(path.size() - 1);
        String fullKey = joined(path, path.size());
        Object existing = parent.get(last);
        if (arrayOfTables) {
            List<Object> list;
            if (existing == null) {
                list = new TableArray();
                parent.put(last, list, headerLine);
            } else if (existing instanceof List && isTableArray(existing)) {
                @SuppressWarnings("unchecked")
                List<Object> l = (List<Object>) existing;
                list = l;
            } else {
                throw new ConfigException(headerLine, fullKey, "is already defined and is not an array of tables");
            }
            TomlTable table = new TomlTable(headerLine, false);
            table.markExplicitlyDefined();
            list.add(table);
            return table;
        }
        if (existing == null) {
            TomlTable table = new TomlTable(headerLine, false);
            table.markExplicitlyDefined();
            parent.put(last, table, headerLine);
            return table;
        }
        if (existing instanceof TomlTable) {
            TomlTable table = (TomlTable) existing;
            if (table.isExplicitlyDefined() || table.isInline()) {
                throw new ConfigException(headerLine, fullKey, "table is defined twice");
            }
            table.markExplicitlyDefined();
            return table;
        }
        throw new ConfigException(headerLine, fullKey, "is already defined and is not a table");
    }

    private static boolean isTableArray(Object value) {
        return value instanceof TableArray;
    }

    private TomlTable descend(TomlTable parent, String key, int atLine, String fullKey) throws ConfigException {
        Object existing = parent.get(key);
        if (existing == null) {
            TomlTable table = new TomlTable(atLine, false);
            parent.put(key, table, atLine);
            return table;
        }
        if (existing instanceof TomlTable) {
            if (((TomlTable) existing).isInline()) {
                throw new ConfigException(atLine, fullKey, "an inline table cannot be extended");
            }
            return (TomlTable) existing;
        }
        if (existing instanceof TableArray) {
            List<Object> list = ((TableArray) existing);
            return (TomlTable) list.get(list.size() - 1);
        }
        throw new ConfigException(atLine, fullKey, "is already defined and is not a table");
    }

    private void keyValue(TomlTable table) throws ConfigException {
        int keyLine = line;
        List<String> path = keyPath();
        skipSpaces();
        if (pos >= src.length() || src.charAt(pos) != '=') {
            throw error(joined(path, path.size()), "expected '=' after the key");
        }
        pos++;
        skipSpaces();
        String fullKey = joined(path, path.size());
        Object value = value(fullKey);
        TomlTable target = table;
        for (int i = 0; i < path.size() - 1; i++) {
            Object existing = target.get(path.get(i));
            if (existing == null) {
                TomlTable t = new TomlTable(keyLine, false);
                target.put(path.get(i), t, keyLine);
                target = t;
            } else if (existing instanceof TomlTable && !((TomlTable) existing).isInline()
                    && !((TomlTable) existing).isExplicitlyDefined()) {
                target = (TomlTable) existing;
            } else {
                throw new ConfigException(keyLine, fullKey, "is already defined");
            }
        }
        String last = path.get(path.size() - 1);
        if (target.contains(last)) {
            throw new ConfigException(keyLine, fullKey, "is defined twice");
        }
        target.put(last, value, keyLine);
    }

    private List<String> keyPath() throws ConfigException {
        List<String> path = new ArrayList<>(2);
        while (true) {
            skipSpaces();
            path.add(simpleKey());
            skipSpaces();
            if (pos < src.length() && src.charAt(pos) == '.') {
                pos++;
            } else {
                return path;
            }
        }
    }

    private String simpleKey() throws ConfigException {
        if (pos >= src.length()) {
            throw error(null, "expected a key");
        }
        char c = src.charAt(pos);
        if (c == '"') {
            return basicString();
        }
        if (c == '\'') {
            return literalString();
        }
        int start = pos;
        while (pos < src.length() && isBareKeyChar(src.charAt(pos))) {
            pos++;
        }
        if (start == pos) {
            throw error(null, "expected a key, found '" + printable(c) + "'");
        }
        return src.substring(start, pos);
    }

    private static boolean isBareKeyChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    }

    private Object value(String key) throws ConfigException {
        if (pos >= src.length()) {
            throw error(key, "expected a value");
        }
        char c = src.charAt(pos);
        switch (c) {
            case '"':
                return src.startsWith("\"\"\"", pos) ? multiLineBasicString() : basicString();
            case '\'':
                return src.startsWith("'''", pos) ? multiLineLiteralString() : literalString();
            case '[':
                return array(key);
            case '{':
                return inlineTable(key);
            case 't':
            case 'f':
                return bool(key);
            default:
                return number(key);
        }
    }

    private Boolean bool(String key) throws ConfigException {
        if (src.startsWith("true", pos) && !isBareKeyCharAt(pos + 4)) {
            pos += 4;
            return Boolean.TRUE;
        }
        if (src.startsWith("false", pos) && !isBareKeyCharAt(pos + 5)) {
            pos += 5;
            return Boolean.FALSE;
        }
        throw error(key, "unexpected value (strings need quotes)");
    }

    private boolean isBareKeyCharAt(int at) {
        return at < src.length() && isBareKeyChar(src.charAt(at));
    }

    private Object number(String key) throws ConfigException {
        int start = pos;
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                    || c == '_' || c == '+' || c == '-' || c == '.' || c == ':') {
                pos++;
            } else {
                break;
            }
        }
        String token = src.substring(start, pos);
        if (token.isEmpty()) {
            throw error(key, "expected a value, found '" + printable(src.charAt(pos)) + "'");
        }
        if (token.indexOf(':') >= 0 || (token.length() >= 10 && token.charAt(4) == '-' && token.charAt(7) == '-')) {
            throw error(key, "dates and times are not supported here");
        }
        String sign = "";
        String body = token;
        if (body.startsWith("+") || body.startsWith("-")) {
            sign = body.substring(0, 1);
            body = body.substring(1);
        }
        if (body.equals("inf") || body.equals("nan")) {
            return body.equals("nan") ? Double.NaN
                    : (sign.equals("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
        }
        try {
            if (body.startsWith("0x") || body.startsWith("0o") || body.startsWith("0b")) {
                if (!sign.isEmpty()) {
                    throw error(key, "a sign is not allowed on hex, octal or binary integers");
                }
                int radix = body.charAt(1) == 'x' ? 16 : body.charAt(1) == 'o' ? 8 : 2;
                return Long.parseLong(digits(key, body.substring(2)), radix);
            }
            boolean isFloat = body.indexOf('.') >= 0 || body.indexOf('e') >= 0 || body.indexOf('E') >= 0;
            String digits = digits(key, body);
            if (!isFloat && digits.length() > 1 && digits.charAt(0) == '0') {
                throw error(key, "leading zeros are not allowed in integers");
            }
            if (isFloat) {
                if (digits.startsWith(".") || digits.endsWith(".") || digits.contains(".e") || digits.contains(".E")) {
                    throw error(key, "malformed float");
                }
                return Double.parseDouble(sign + digits);
            }
            return Long.parseLong(sign + digits);
        } catch (NumberFormatException e) {
            throw error(key, "unexpected value '" + token + "' (strings need quotes)");
        }
    }

    private String digits(String key, String body) throws ConfigException {
        if (body.startsWith("_") || body.endsWith("_") || body.contains("__")) {
            throw error(key, "misplaced '_' in number");
        }
        return body.replace("_", "");
    }

    private List<Object> array(String key) throws ConfigException {
        pos++;
        List<Object> list = new ArrayList<>();
        while (true) {
            skipWhitespaceCommentsAndNewlines();
            if (pos >= src.length()) {
                throw error(key, "unterminated array");
            }
            if (src.charAt(pos) == ']') {
                pos++;
                return Collections.unmodifiableList(list);
            }
            list.add(value(key));
            skipWhitespaceCommentsAndNewlines();
            if (pos < src.length() && src.charAt(pos) == ',') {
                pos++;
            } else if (pos < src.length() && src.charAt(pos) == ']') {
                pos++;
                return Collections.unmodifiableList(list);
            } else {
                throw error(key, "expected ',' or ']' in array");
            }
        }
    }

    private TomlTable inlineTable(String key) throws ConfigException {
        int tableLine = line;
        pos++;
        TomlTable table = new TomlTable(tableLine, true);
        skipSpaces();
        if (pos < src.length() && src.charAt(pos) == '}') {
            pos++;
            return table;
        }
        while (true) {
            skipSpaces();
            keyValue(table);
            skipSpaces();
            if (pos >= src.length()) {
                throw error(key, "unterminated inline table");
            }
            char c = src.charAt(pos);
            if (c == ',') {
                pos++;
            } else if (c == '}') {
                pos++;
                return table;
            } else {
                throw error(key, "expected ',' or '}' in inline table (inline tables stay on one line)");
            }
        }
    }

    private String basicString() throws ConfigException {
        pos++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= src.length() || src.charAt(pos) == '\n') {
                throw error(null, "unterminated string");
            }
            char c = src.charAt(pos++);
            if (c == '"') {
                return sb.toString();
            }
            if (c == '\\') {
                escape(sb);
            } else {
                checkControl(c);
                sb.append(c);
            }
        }
    }

    private String multiLineBasicString() throws ConfigException {
        pos += 3;
        skipFirstNewline();
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= src.length()) {
                throw error(null, "unterminated multi-line string");
            }
            if (src.startsWith("\"\"\"", pos)) {
                pos += 3;
                // Up to two quotes right before the closing delimiter belong to the string.
                for (int i = 0; i < 2 && pos < src.length() && src.charAt(pos) == '"'; i++) {
                    sb.append('"');
                    pos++;
                }
                return sb.toString();
            }
            char c = src.charAt(pos++);
            if (c == '\\') {
                int save = pos;
                while (pos < src.length() && (src.charAt(pos) == ' ' || src.charAt(pos) == '\t')) {
                    pos++;
                }
                if (pos < src.length() && (src.charAt(pos) == '\n' || src.charAt(pos) == '\r')) {
                    skipWhitespaceAndNewlines();
                } else {
                    pos = save;
                    escape(sb);
                }
            } else {
                if (c == '\n') {
                    line++;
                } else if (c != '\r') {
                    checkControl(c);
                }
                sb.append(c);
            }
        }
    }

    private String literalString() throws ConfigException {
        pos++;
        int start = pos;
        while (pos < src.length() && src.charAt(pos) != '\'' && src.charAt(pos) != '\n') {
            pos++;
        }
        if (pos >= src.length() || src.charAt(pos) != '\'') {
            throw error(null, "unterminated string");
        }
        String s = src.substring(start, pos);
        pos++;
        return s;
    }

    private String multiLineLiteralString() throws ConfigException {
        pos += 3;
        skipFirstNewline();
        int end = src.indexOf("'''", pos);
        if (end < 0) {
            throw error(null, "unterminated multi-line string");
        }
        while (end + 3 < src.length() && src.charAt(end + 3) == '\'' && end + 3 - pos < src.length()) {
            end++;
        }
        String s = src.substring(pos, end);
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '\n') {
                line++;
            }
        }
        pos = end + 3;
        return s;
    }

    private void skipFirstNewline() {
        if (src.startsWith("\r\n", pos)) {
            pos += 2;
            line++;
        } else if (src.startsWith("\n", pos)) {
            pos++;
            line++;
        }
    }

    private void escape(StringBuilder sb) throws ConfigException {
        if (pos >= src.length()) {
            throw error(null, "unterminated escape");
        }
        char e = src.charAt(pos++);
        switch (e) {
            case 'b': sb.append('\b'); break;
            case 't': sb.append('\t'); break;
            case 'n': sb.append('\n'); break;
            case 'f': sb.append('\f'); break;
            case 'r': sb.append('\r'); break;
            case 'e': sb.append('\u001b'); break;
            case '"': sb.append('"'); break;
            case '\\': sb.append('\\'); break;
            case 'u': sb.appendCodePoint(hex(4)); break;
            case 'U': sb.appendCodePoint(hex(8)); break;
            default: throw error(null, "invalid escape '\\" + printable(e) + "'");
        }
    }

    private int hex(int n) throws ConfigException {
        if (pos + n > src.length()) {
            throw error(null, "short unicode escape");
        }
        try {
            int cp = Integer.parseInt(src.substring(pos, pos + n), 16);
            if (!Character.isValidCodePoint(cp) || (cp >= 0xD800 && cp <= 0xDFFF)) {
                throw error(null, "invalid unicode escape");
            }
            pos += n;
            return cp;
        } catch (NumberFormatException ex) {
            throw error(null, "invalid unicode escape");
        }
    }

    private void checkControl(char c) throws ConfigException {
        if ((c < 0x20 && c != '\t') || c == 0x7f) {
            throw error(null, "control characters must be escaped in strings");
        }
    }

    private void skipSpaces() {
        while (pos < src.length() && (src.charAt(pos) == ' ' || src.charAt(pos) == '\t')) {
            pos++;
        }
    }

    private void skipWhitespaceAndNewlines() {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == '\n') {
                line++;
            } else if (c != ' ' && c != '\t' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private void skipWhitespaceCommentsAndNewlines() {
        while (true) {
            skipWhitespaceAndNewlines();
            if (pos < src.length() && src.charAt(pos) == '#') {
                skipComment();
            } else {
                return;
            }
        }
    }

    private void skipComment() {
        while (pos < src.length() && src.charAt(pos) != '\n') {
            pos++;
        }
    }

    private void skipBlankLines() {
        skipWhitespaceCommentsAndNewlines();
    }

    private void endOfLine() throws ConfigException {
        skipSpaces();
        if (pos < src.length() && src.charAt(pos) == '#') {
            skipComment();
        }
        if (pos < src.length() && src.charAt(pos) == '\r') {
            pos++;
        }
        if (pos < src.length()) {
            if (src.charAt(pos) != '\n') {
                throw error(null, "unexpected '" + printable(src.charAt(pos)) + "' after the value (one key per line)");
            }
            pos++;
            line++;
        }
    }

    private ConfigException error(String key, String message) {
        return new ConfigException(line, key, message);
    }

    private static String printable(char c) {
        return c < 0x20 ? "\\u" + Integer.toHexString(c) : String.valueOf(c);
    }

    private static String joined(List<String> path, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append('.');
            }
            sb.append(path.get(i));
        }
        return sb.toString();
    }

    /** The list that holds an array of tables, told apart from a plain array of inline tables. */
    static final class TableArray extends ArrayList<Object> {
        private static final long serialVersionUID = 1L;
    }
}
