package org.sciml4j.domain.expr;

import java.util.ArrayList;
import java.util.List;
import org.sciml4j.domain.expr.Expression.Binary;
import org.sciml4j.domain.expr.Expression.Call;
import org.sciml4j.domain.expr.Expression.Name;
import org.sciml4j.domain.expr.Expression.Neg;
import org.sciml4j.domain.expr.Expression.Node;
import org.sciml4j.domain.expr.Expression.Num;

/**
 * Tokenizer and recursive-descent parser for {@link Expression}. The text's length and the nesting depth are limited
 * ({@link #MAX_LENGTH}, {@link #MAX_DEPTH}) so that a hostile expression gets a clear error, not a stack overflow
 * here or in the recursive evaluation and differentiation of the tree.
 */
final class Parser {
    /** The longest expression text, in characters (real equations are a few hundred). */
    static final int MAX_LENGTH = 10_000;
    /** The deepest nesting of parentheses, calls, signs and powers. */
    static final int MAX_DEPTH = 200;

    private enum Kind { NUM, NAME, OP, LPAREN, RPAREN, COMMA, END }

    private record Token(Kind kind, String text, int offset) {
        char op() {
            return text.equals("**") ? '^' : text.charAt(0);
        }

        boolean is(char c) {
            return kind == Kind.OP && op() == c;
        }
    }

    private final String src;
    private final int line;
    private final int column;
    private int pos;
    private Token token;
    private Token previous;
    private int depth;

    Parser(String src, int line, int column) {
        this.src = src;
        this.line = line;
        this.column = column;
    }

    Expression parse() {
        if (src.length() > MAX_LENGTH) {
            throw error(0, "the expression is " + src.length() + " characters long, more than the limit of "
                    + MAX_LENGTH + "; hint: split it using parameters or shorter terms");
        }
        advance();
        if (token.kind == Kind.END) {
            throw error(token.offset, "empty expression");
        }
        Node root = expr();
        if (token.kind != Kind.END) {
            throw afterOperand();
        }
        return new Expression(src, line, column, root);
    }

    private Node expr() {
        Node left = term();
        while (token.is('+') || token.is('-')) {
            Token op = token;
            advance();
            left = new Binary(op.op(), left, term(), op.offset);
        }
        return left;
    }

    private Node term() {
        Node left = unary();
        while (token.is('*') || token.is('/')) {
            Token op = token;
            advance();
            left = new Binary(op.op(), left, unary(), op.offset);
        }
        return left;
    }

    private Node unary() {
        if (++depth > MAX_DEPTH) {
            throw error(token.offset, "the expression is nested more than " + MAX_DEPTH + " deep (parentheses,"
                    + " calls, signs and powers); hint: simplify it");
        }
        try {
            return signedOrPower();
        } finally {
            depth--;
        }
    }

    private Node signedOrPower() {
        if (token.is('-')) {
            int at = token.offset;
            advance();
            return new Neg(unary(), at);
        }
        if (token.is('+')) {
            advance();
            return unary();
        }
        Node base = primary();
        if (token.is('^')) {
            Token op = token;
            advance();
            return new Binary('^', base, unary(), op.offset);
        }
        return base;
    }

    private Node primary() {
        Token t = token;
        switch (t.kind) {
            case NUM -> {
                advance();
                return new Num(Double.parseDouble(t.text), t.offset);
            }
            case NAME -> {
                advance();
                if (token.kind == Kind.LPAREN) {
                    return call(t);
                }
                if (Expression.FUNCTIONS.containsKey(t.text)) {
                    throw error(t.offset, "'" + t.text + "' is a function: write " + t.text + "(...)");
                }
                return new Name(t.text, t.offset);
            }
            case LPAREN -> {
                advance();
                Node inner = expr();
                close();
                return inner;
            }
            case END -> throw error(t.offset, previous != null && previous.kind == Kind.OP
                    ? "expression expected after '" + previous.text + "'" : "expression expected");
            default -> throw error(t.offset, "unexpected '" + t.text + "'");
        }
    }

    private Node call(Token name) {
        Integer arity = Expression.FUNCTIONS.get(name.text);
        if (arity == null) {
            String near = Expression.closest(name.text, new ArrayList<>(Expression.FUNCTIONS.keySet()));
            throw error(name.offset, near != null ? "unknown function '" + name.text + "'; did you mean '" + near + "'?"
                    : "'" + name.text + "' is not a function; missing '*' before '('?");
        }
        advance();
        List<Node> args = new ArrayList<>();
        args.add(expr());
        while (token.kind == Kind.COMMA) {
            advance();
            args.add(expr());
        }
        close();
        if (arity != Expression.ANY_ARITY && args.size() != arity) {
            throw error(name.offset, "'" + name.text + "' takes " + arity + " argument" + (arity == 1 ? "" : "s")
                    + ", got " + args.size());
        }
        return new Call(name.text, args, name.offset);
    }

    private void close() {
        if (token.kind == Kind.RPAREN) {
            advance();
        } else if (token.kind == Kind.END) {
            throw error(token.offset, "missing ')'");
        } else {
            throw afterOperand();
        }
    }

    /** The error for a token that cannot follow a complete operand. */
    private ExpressionException afterOperand() {
        return switch (token.kind) {
            case RPAREN -> error(token.offset, "unexpected ')': no matching '('");
            case NUM, NAME, LPAREN -> error(token.offset, "missing operator before '" + token.text + "'");
            default -> error(token.offset, "unexpected '" + token.text + "'");
        };
    }

    private void advance() {
        previous = token;
        while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
            pos++;
        }
        if (pos >= src.length()) {
            token = new Token(Kind.END, "", src.stripTrailing().length());
            return;
        }
        int start = pos;
        char c = src.charAt(pos);
        if (Character.isDigit(c) || c == '.') {
            token = new Token(Kind.NUM, number(), start);
        } else if (Character.isLetter(c) || c == '_') {
            while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
                pos++;
            }
            token = new Token(Kind.NAME, src.substring(start, pos), start);
        } else if (c == '*' && src.startsWith("**", pos)) {
            pos += 2;
            token = new Token(Kind.OP, "**", start);
        } else if ("+-*/^".indexOf(c) >= 0 || c == '(' || c == ')' || c == ',') {
            pos++;
            Kind kind = c == '(' ? Kind.LPAREN : c == ')' ? Kind.RPAREN : c == ',' ? Kind.COMMA : Kind.OP;
            token = new Token(kind, String.valueOf(c), start);
        } else {
            throw error(start, "unexpected character '" + c + "'");
        }
    }

    private String number() {
        int start = pos;
        int digits = skipDigits();
        if (pos < src.length() && src.charAt(pos) == '.') {
            pos++;
            digits += skipDigits();
        }
        if (digits == 0) {
            throw error(start, "digit expected after '.'");
        }
        if (pos < src.length() && (src.charAt(pos) == 'e' || src.charAt(pos) == 'E')) {
            char e = src.charAt(pos++);
            if (pos < src.length() && (src.charAt(pos) == '+' || src.charAt(pos) == '-')) {
                pos++;
            }
            if (skipDigits() == 0) {
                throw error(pos, "number expected after '" + e + "' in '" + src.substring(start, pos) + "'");
            }
        }
        return src.substring(start, pos);
    }

    private int skipDigits() {
        int start = pos;
        while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
            pos++;
        }
        return pos - start;
    }

    private ExpressionException error(int offset, String hint) {
        return ExpressionException.at(src, offset, line, column, hint);
    }
}
