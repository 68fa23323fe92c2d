package org.sciml4j.train.config;

/**
 * A mistake in a problem file, located: the message reads {@code forward.yaml, line 12, column 7: unknown symbol
 * 'cc'; did you mean 'c'?} followed, where known, by the offending line and a caret under the column.
 */
public final class ProblemFileException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final int column;
    private final String problem;

    /**
     * @param file    the file's name as given
     * @param line    1-based line, or 0 when the mistake has no single place
     * @param column  1-based column, or 0
     * @param problem what is wrong and, where possible, how to fix it
     * @param excerpt the source line and caret (may be empty)
     */
    public ProblemFileException(String file, int line, int column, String problem, String excerpt) {
        super(file + (line > 0 ? ", line " + line + ", column " + column : "") + ": " + problem
                + (excerpt == null || excerpt.isEmpty() ? "" : "\n" + excerpt));
        this.file = file;
        this.line = line;
        this.column = column;
        this.problem = problem;
    }

    /** The file's name as given. */
    public String file() {
        return file;
    }

    /** 1-based line of the mistake, 0 if none. */
    public int line() {
        return line;
    }

    /** 1-based column of the mistake, 0 if none. */
    public int column() {
        return column;
    }

    /** What is wrong, without the position. */
    public String problem() {
        return problem;
    }
}
