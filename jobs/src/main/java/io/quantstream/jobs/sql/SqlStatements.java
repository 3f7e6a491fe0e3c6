package io.quantstream.jobs.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SQL script as the statements Flink's SQL client would run: split at each {@code ;} outside
 * string literals ({@code '…'}, {@code ''} inside), quoted identifiers ({@code "…"},
 * {@code `…`}) and comments ({@code -- …}, {@code /* … *}{@code /}, hints included); an
 * {@code EXECUTE STATEMENT SET BEGIN … END;} block is one statement, semicolons inside it
 * included. Each statement keeps its comments and knows where it starts (file, line, column).
 *
 * <pre>{@code
 * String text = SqlStatements.substitute(Files.readString(file), Map.of("catalog.warehouse", "/w"), "a.sql");
 * List<SqlStatements.Statement> statements = SqlStatements.split(text, "a.sql");
 * }</pre>
 */
public final class SqlStatements {

    /** {@code ${name}}: letters, digits, {@code _} and {@code .}, starting with a letter or {@code _}. */
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_.]*)}");

    private SqlStatements() {}

    /**
     * One statement of a script, without its terminating {@code ;}.
     *
     * @param sql the statement's text from its first character that is not blank or a comment
     * @param source the file (or {@code -e}) it comes from
     * @param line line of its first character, from 1
     * @param column column of its first character, from 1
     */
    public record Statement(String sql, String source, int line, int column) {
        /** {@code source:line:column}. */
        public String position() {
            return source + ":" + line + ":" + column;
        }

        /** The first line of the statement, for messages. */
        public String firstLine() {
            int end = sql.indexOf('\n');
            return end < 0 ? sql : sql.substring(0, end) + " …";
        }
    }

    /**
     * {@code text} with each {@code ${name}} replaced by its value, the same replacement
     * {@code bin/sql-client} makes (in comments too).
     *
     * @throws IllegalArgumentException naming the first {@code ${name}} without a value and the
     *     known names
     */
    public static String substitute(String text, Map<String, String> values, String source) {
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException(source + ": unknown variable " + m.group()
                        + " (known: " + String.join(", ", values.keySet().stream()
                                .sorted().map(k -> "${" + k + "}").toList()) + ")");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return m.appendTail(out).toString();
    }

    /**
     * The statements of {@code text}; blank statements (only whitespace, comments or {@code ;})
     * are left out.
     *
     * @throws IllegalArgumentException at an unterminated string literal, quoted identifier or
     *     block comment, with its position
     */
    public static List<Statement> split(String text, String source) {
        return new Splitter(text, source).statements();
    }

    private static final class Splitter {
        private final String text;
        private final String source;
        private final List<Statement> statements = new ArrayList<>();
        private int pos;
        private int line = 1;
        private int column = 1;
        /** Start of the current statement (its first significant character), or -1. */
        private int start = -1;
        private int startLine;
        private int startColumn;
        /** The statement's first words (upper case) and its latest word. */
        private final List<String> words = new ArrayList<>();
        private String lastWord = "";

        Splitter(String text, String source) {
            this.text = text;
            this.source = source;
        }

        List<Statement> statements() {
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c == '-' && peek(1) == '-') {
                    skipTo("\n", false);
                } else if (c == '/' && peek(1) == '*') {
                    mark();
                    skipTo("*/", true);
                } else if (c == '\'' || c == '"' || c == '`') {
                    mark();
                    quoted(c);
                } else if (c == ';') {
                    if (start >= 0 && insideStatementSet()) {
                        advance();
                    } else {
                        end(pos);
                        advance();
                    }
                } else if (Character.isWhitespace(c)) {
                    advance();
                } else if (Character.isLetterOrDigit(c) || c == '_') {
                    mark();
                    int from = pos;
                    while (pos < text.length()
                            && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
                        advance();
                    }
                    lastWord = text.substring(from, pos).toUpperCase(Locale.ROOT);
                    if (words.size() < 4) {
                        words.add(lastWord);
                    }
                } else {
                    mark();
                    lastWord = "";
                    advance();
                }
            }
            end(pos);
            return statements;
        }

        /** In {@code EXECUTE STATEMENT SET BEGIN …} before its {@code END}. */
        private boolean insideStatementSet() {
            return words.equals(List.of("EXECUTE", "STATEMENT", "SET", "BEGIN")) && !lastWord.equals("END");
        }

        private char peek(int ahead) {
            return pos + ahead < text.length() ? text.charAt(pos + ahead) : 0;
        }

        /** A significant character at {@link #pos}: the statement starts here if it has not yet. */
        private void mark() {
            if (start < 0) {
                start = pos;
                startLine = line;
                startColumn = column;
            }
        }

        private void end(int at) {
            if (start >= 0) {
                statements.add(new Statement(text.substring(start, at).strip(), source, startLine, startColumn));
            }
            start = -1;
            words.clear();
            lastWord = "";
        }

        private void advance() {
            if (text.charAt(pos) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
            pos++;
        }

        /** Skips past {@code terminator} (a line comment may also end with the text). */
        private void skipTo(String terminator, boolean required) {
            int at = text.indexOf(terminator, pos + 2);
            if (at < 0 && required) {
                throw new IllegalArgumentException(source + ":" + line + ":" + column
                        + ": unterminated comment (no " + terminator + ")");
            }
            int stop = at < 0 ? text.length() : at + terminator.length();
            while (pos < stop) {
                advance();
            }
        }

        /** A literal or quoted identifier; a doubled quote character stands for itself. */
        private void quoted(char quote) {
            int fromLine = line;
            int fromColumn = column;
            advance();
            while (true) {
                if (pos >= text.length()) {
                    throw new IllegalArgumentException(source + ":" + fromLine + ":" + fromColumn
                            + ": unterminated " + (quote == '\'' ? "string literal" : "quoted identifier")
                            + " (no closing " + quote + ")");
                }
                char c = text.charAt(pos);
                advance();
                if (c == quote) {
                    if (peek(0) != quote) {
                        lastWord = "";
                        return;
                    }
                    advance();
                }
            }
        }
    }
}
