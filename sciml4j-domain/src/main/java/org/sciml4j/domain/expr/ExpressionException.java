package org.sciml4j.domain.expr;

/**
 * A syntax or binding error in an expression, located in the file the expression came from. The message reads
 * <pre>
 * line 4, column 12: missing ')'
 *   u_t + (u*u_x
 *               ^
 * </pre>
 * the position, a hint, the source line of the expression and a caret under the offending character.
 */
public final class ExpressionException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final int line;
    private final int column;
    private final String hint;
    private final String sourceLine;

    /**
     * An error at a position given in file coordinates.
     *
     * @param hint       what is wrong, and where possible how to fix it
     * @param line       line in the file, 1-based
     * @param column     column in the file, 1-based
     * @param sourceLine the line of expression text shown under the message
     * @param caret      index in {@code sourceLine} of the character the caret points at
     */
    public ExpressionException(String hint, int line, int column, String sourceLine, int caret) {
        super("line " + line + ", column " + column + ": " + hint + "\n  " + sourceLine + "\n  "
                + caretPrefix(sourceLine, caret) + "^");
        this.line = line;
        this.column = column;
        this.hint = hint;
        this.sourceLine = sourceLine;
    }

    /**
     * An error at character {@code offset} of {@code source}, a text that starts at line {@code baseLine}, column
     * {@code baseColumn} (1-based) of its file; later lines of a multi-line text start at column 1.
     */
    public static ExpressionException at(String source, int offset, int baseLine, int baseColumn, String hint) {
        int lineStart = source.lastIndexOf('\n', offset - 1) + 1;
        int lineEnd = source.indexOf('\n', offset);
        String text = source.substring(lineStart, lineEnd < 0 ? source.length() : lineEnd).stripTrailing();
        int newlines = (int) source.substring(0, offset).chars().filter(c -> c == '\n').count();
        int column = newlines == 0 ? baseColumn + offset : 1 + offset - lineStart;
        return new ExpressionException(hint, baseLine + newlines, column, text, offset - lineStart);
    }

    private static String caretPrefix(String text, int caret) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < caret; i++) {
            b.append(i < text.length() && text.charAt(i) == '\t' ? '\t' : ' ');
        }
        return b.toString();
    }

    /** Line in the file, 1-based. */
    public int line() {
        return line;
    }

    /** Column in the file, 1-based. */
    public int column() {
        return column;
    }

    /** The hint alone, without position and source. */
    public String hint() {
        return hint;
    }

    /** The line of expression text the caret points into. */
    public String sourceLine() {
        return sourceLine;
    }
}
