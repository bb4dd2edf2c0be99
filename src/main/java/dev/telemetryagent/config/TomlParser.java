package dev.telemetryagent.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * A strict TOML 1.0 parser for the agent's small configuration and state files.
 *
 * <p>It is written here rather than taken from Jackson because it runs on every start of the host
 * application: Jackson's TOML module builds a databind tree (hundreds of classes, 100 ms or more cold)
 * and forgets line numbers, which every validation error must name. Supported: comments, tables,
 * dotted tables, arrays of tables, bare/quoted/dotted keys, basic, literal and multi-line strings,
 * integers (decimal, hex, octal, binary), floats, booleans, arrays and inline tables. Dates and times
 * are rejected with a clear error, since no key of ours takes one.
 *
 * <p>A project file comes from whatever repository the user cloned, so the parser runs in time linear
 * in its input and nests at most {@value #MAX_NESTING} levels (dotted segments of one key, arrays and
 * inline tables inside one another), the limit toml-test suggests: a hostile file can neither stall
 * startup nor overflow the stack.
 */
public final class TomlParser {
    /** Deepest nesting accepted: segments of one dotted key, and arrays or inline tables in one value. */
    static final int MAX_NESTING = 128;
    /** Longest key quoted in an error, so a hostile key cannot make the one stderr line huge. */
    private static final int MAX_KEY_IN_ERROR = 100;

    private final String src;
    private int pos;
    private int line = 1;
    private int nesting;

    private TomlParser(String src) {
        this.src = src;
    }

    /** Parses a whole document into its root table. */
    public static TomlTable parse(String text) throws ConfigException {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        return new TomlParser(body).document();
    }

    /**
     * The text of a TOML file's bytes, refused (with the line) unless it is valid UTF-8, as TOML
     * requires; every file the agent parses as TOML is decoded here, never leniently.
     */
    public static String decode(byte[] bytes, int length) throws ConfigException {
        return StrictUtf8.decode(bytes, length);
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
            parent = descend(parent, path, i, headerLine);
        }
        String last = path.get(path.size() - 1);
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
                throw keyError(headerLine, path, path.size(), "is already defined and is not an array of tables");
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
                throw keyError(headerLine, path, path.size(), "table is defined twice");
            }
            if (table.isDefinedByDottedKeys()) {
                throw keyError(headerLine, path, path.size(), "table is already defined by a dotted key");
            }
            table.markExplicitlyDefined();
            return table;
        }
        throw keyError(headerLine, path, path.size(), "is already defined and is not a table");
    }

    private static boolean isTableArray(Object value) {
        return value instanceof TableArray;
    }

    private TomlTable descend(TomlTable parent, List<String> path, int index, int atLine) throws ConfigException {
        String key = path.get(index);
        Object existing = parent.get(key);
        if (existing == null) {
            TomlTable table = new TomlTable(atLine, false);
            parent.put(key, table, atLine);
            return table;
        }
        if (existing instanceof TomlTable) {
            if (((TomlTable) existing).isInline()) {
                throw keyError(atLine, path, index + 1, "an inline table cannot be extended");
            }
            return (TomlTable) existing;
        }
        if (existing instanceof TableArray) {
            List<Object> list = ((TableArray) existing);
            return (TomlTable) list.get(list.size() - 1);
        }
        throw keyError(atLine, path, index + 1, "is already defined and is not a table");
    }

    private void keyValue(TomlTable table) throws ConfigException {
        int keyLine = line;
        List<String> path = keyPath();
        skipSpaces();
        if (pos >= src.length() || src.charAt(pos) != '=') {
            throw error(shortened(joined(path, path.size())), "expected '=' after the key");
        }
        pos++;
        skipSpaces();
        String fullKey = shortened(joined(path, path.size()));
        Object value = value(fullKey);
        TomlTable target = table;
        for (int i = 0; i < path.size() - 1; i++) {
            Object existing = target.get(path.get(i));
            if (existing == null) {
                TomlTable t = new TomlTable(keyLine, false);
                t.markDefinedByDottedKeys();
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
            if (path.size() == MAX_NESTING) {
                throw error(null, "a key of more than " + MAX_NESTING + " dotted parts is not supported");
            }
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
        boolean signed = token.charAt(0) == '+' || token.charAt(0) == '-';
        boolean negative = token.charAt(0) == '-';
        String body = signed ? token.substring(1) : token;
        if (body.equals("inf")) {
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (body.equals("nan")) {
            return Double.NaN;
        }
        if (body.startsWith("0x") || body.startsWith("0o") || body.startsWith("0b")) {
            if (signed) {
                throw error(key, "a sign is not allowed on hex, octal or binary integers");
            }
            int radix = body.charAt(1) == 'x' ? 16 : body.charAt(1) == 'o' ? 8 : 2;
            int end = digits(key, body, 2, radix);
            if (end == 2 || end != body.length()) {
                throw unexpected(key, token);
            }
            return parseLong(key, token, without_(body.substring(2)), radix);
        }
        int intEnd = digits(key, body, 0, 10);
        if (intEnd == 0) {
            throw unexpected(key, token);
        }
        if (intEnd > 1 && body.charAt(0) == '0') {
            throw error(key, "leading zeros are not allowed in numbers");
        }
        int end = intEnd;
        boolean isFloat = false;
        if (end < body.length() && body.charAt(end) == '.') {
            int fractionEnd = digits(key, body, end + 1, 10);
            if (fractionEnd == end + 1) {
                throw error(key, "malformed float (a digit must follow '.')");
            }
            end = fractionEnd;
            isFloat = true;
        }
        if (end < body.length() && (body.charAt(end) == 'e' || body.charAt(end) == 'E')) {
            int exponent = end + 1;
            if (exponent < body.length() && (body.charAt(exponent) == '+' || body.charAt(exponent) == '-')) {
                exponent++;
            }
            int exponentEnd = digits(key, body, exponent, 10);
            if (exponentEnd == exponent) {
                throw error(key, "malformed float (a digit must follow the exponent)");
            }
            end = exponentEnd;
            isFloat = true;
        }
        if (end != body.length()) {
            throw unexpected(key, token);
        }
        String plain = without_(negative ? token : body);
        if (isFloat) {
            return Double.parseDouble(plain);
        }
        return parseLong(key, token, plain, 10);
    }

    /**
     * The end of the digits of {@code radix} starting at {@code from}, where each '_' must stand between
     * two digits; {@code from} itself when there is none.
     */
    private int digits(String key, String s, int from, int radix) throws ConfigException {
        int i = from;
        boolean afterDigit = false;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.digit(c, radix) >= 0 && c < 0x80) {
                afterDigit = true;
            } else if (c == '_') {
                if (!afterDigit) {
                    throw error(key, "misplaced '_' in number (it must stand between two digits)");
                }
                afterDigit = false;
            } else {
                break;
            }
            i++;
        }
        if (i > from && !afterDigit) {
            throw error(key, "misplaced '_' in number (it must stand between two digits)");
        }
        return i;
    }

    private static String without_(String digits) {
        return digits.indexOf('_') < 0 ? digits : digits.replace("_", "");
    }

    private Long parseLong(String key, String token, String digits, int radix) throws ConfigException {
        try {
            return Long.parseLong(digits, radix);
        } catch (NumberFormatException e) {
            throw error(key, "integer '" + shortened(token) + "' is out of the 64-bit range");
        }
    }

    private ConfigException unexpected(String key, String token) {
        return error(key, "unexpected value '" + shortened(token) + "' (strings need quotes)");
    }

    private List<Object> array(String key) throws ConfigException {
        pos++;
        enterNesting(key);
        List<Object> list = new ArrayList<>();
        while (true) {
            skipWhitespaceCommentsAndNewlines();
            if (pos >= src.length()) {
                throw error(key, "unterminated array");
            }
            if (src.charAt(pos) == ']') {
                pos++;
                nesting--;
                return Collections.unmodifiableList(list);
            }
            list.add(value(key));
            skipWhitespaceCommentsAndNewlines();
            if (pos < src.length() && src.charAt(pos) == ',') {
                pos++;
            } else if (pos < src.length() && src.charAt(pos) == ']') {
                pos++;
                nesting--;
                return Collections.unmodifiableList(list);
            } else {
                throw error(key, "expected ',' or ']' in array");
            }
        }
    }

    private TomlTable inlineTable(String key) throws ConfigException {
        int tableLine = line;
        pos++;
        enterNesting(key);
        TomlTable table = new TomlTable(tableLine, true);
        skipSpaces();
        if (pos < src.length() && src.charAt(pos) == '}') {
            pos++;
            nesting--;
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
                nesting--;
                return table;
            } else {
                throw error(key, "expected ',' or '}' in inline table (inline tables stay on one line)");
            }
        }
    }

    private void enterNesting(String key) throws ConfigException {
        if (++nesting > MAX_NESTING) {
            throw error(key, "arrays and inline tables nested more than " + MAX_NESTING + " deep are not supported");
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
                if (pos < src.length() && (src.charAt(pos) == '\n' || src.startsWith("\r\n", pos))) {
                    skipWhitespaceAndNewlines();
                } else {
                    pos = save;
                    escape(sb);
                }
            } else {
                checkMultiLineChar(c);
                sb.append(c);
            }
        }
    }

    private String literalString() throws ConfigException {
        pos++;
        int start = pos;
        while (pos < src.length() && src.charAt(pos) != '\'' && src.charAt(pos) != '\n') {
            checkControl(src.charAt(pos));
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
        int start = pos;
        while (true) {
            if (pos >= src.length()) {
                throw error(null, "unterminated multi-line string");
            }
            char c = src.charAt(pos);
            if (c == '\'' && src.startsWith("'''", pos)) {
                int end = pos;
                pos += 3;
                // Up to two quotes right before the closing delimiter belong to the string; a sixth is an error.
                for (int i = 0; i < 2 && pos < src.length() && src.charAt(pos) == '\''; i++) {
                    end++;
                    pos++;
                }
                return src.substring(start, end);
            }
            pos++;
            checkMultiLineChar(c);
        }
    }

    /** A character inside a multi-line string: counts lines; a carriage return only before a line feed. */
    private void checkMultiLineChar(char c) throws ConfigException {
        if (c == '\n') {
            line++;
        } else if (c == '\r') {
            if (pos >= src.length() || src.charAt(pos) != '\n') {
                throw error(null, "a carriage return must be followed by a line feed");
            }
        } else {
            checkControl(c);
        }
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
        if (isControl(c)) {
            throw error(null, "control character " + printable(c) + " in a string (basic strings can escape it)");
        }
    }

    private static boolean isControl(char c) {
        return (c < 0x20 && c != '\t') || c == 0x7f;
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
            } else if (c == '\r' ? !src.startsWith("\r\n", pos) : c != ' ' && c != '\t') {
                return;
            }
            pos++;
        }
    }

    private void skipWhitespaceCommentsAndNewlines() throws ConfigException {
        while (true) {
            skipWhitespaceAndNewlines();
            if (pos < src.length() && src.charAt(pos) == '#') {
                skipComment();
            } else {
                return;
            }
        }
    }

    private void skipComment() throws ConfigException {
        while (pos < src.length() && src.charAt(pos) != '\n') {
            char c = src.charAt(pos);
            if (isControl(c) && !src.startsWith("\r\n", pos)) {
                throw error(null, "control character " + printable(c) + " in a comment");
            }
            pos++;
        }
    }

    private void skipBlankLines() throws ConfigException {
        skipWhitespaceCommentsAndNewlines();
    }

    private void endOfLine() throws ConfigException {
        skipSpaces();
        if (pos < src.length() && src.charAt(pos) == '#') {
            skipComment();
        }
        if (src.startsWith("\r\n", pos)) {
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

    /** The error for the first {@code n} parts of a key path, joined only now: joining on every step is quadratic. */
    private static ConfigException keyError(int atLine, List<String> path, int n, String message) {
        return new ConfigException(atLine, shortened(joined(path, n)), message);
    }

    private static String shortened(String key) {
        return key.length() <= MAX_KEY_IN_ERROR ? key : key.substring(0, MAX_KEY_IN_ERROR) + "...";
    }

    private static String printable(char c) {
        if (isControl(c)) {
            String hex = Integer.toHexString(c);
            return "U+" + "0000".substring(hex.length()) + hex.toUpperCase(Locale.ROOT);
        }
        return String.valueOf(c);
    }

    private static String joined(List<String> path, int n) {
        if (n == 1) {
            return path.get(0);
        }
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
