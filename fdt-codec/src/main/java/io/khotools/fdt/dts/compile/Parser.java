package io.khotools.fdt.dts.compile;

import io.khotools.fdt.ReserveEntry;
import io.khotools.fdt.dts.compile.Lexer.Mode;
import io.khotools.fdt.dts.compile.Tok.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Recursive-descent parser for dtc's grammar that applies the top-level edits as it goes, as dtc does
 * (a {@code &label { … }} sees only what was defined before it). Node bodies nest on an explicit stack, so
 * the depth of the source tree never touches the Java stack; integer expressions recurse, capped at
 * {@link #MAX_EXPRESSION_DEPTH}. After a syntax error it skips to the next {@code ;} or {@code }} and goes
 * on, so one run reports every error it can.
 */
final class Parser {
    static final int MAX_EXPRESSION_DEPTH = 256;

    private final Lexer lex;
    private final Diagnostics diags;
    private final Tree tree;
    private final List<Path> includePaths;
    final List<ReserveEntry> reserves = new ArrayList<>();
    private int exprDepth;
    private boolean sawTreeItem;

    Parser(Lexer lex, Tree tree, List<Path> includePaths, Diagnostics diags) {
        this.lex = lex;
        this.tree = tree;
        this.includePaths = includePaths;
        this.diags = diags;
    }

    // ---------------------------------------------------------------- helpers

    private void syntax(Tok t, String expected) {
        diags.error(t.pos(), "syntax error: expected " + expected + ", found " + t.describe());
    }

    /** Skips to just after the next {@code ;} outside braces, or to just before an unmatched {@code }}. */
    private void recover() {
        int depth = 0;
        while (true) {
            Tok t = lex.peek(Mode.VALUE);
            if (t.kind() == Kind.EOF) {
                return;
            }
            if (t.is('}')) {
                if (depth == 0) {
                    return;
                }
                depth--;
            } else if (t.is('{')) {
                depth++;
            } else if (t.is(';') && depth == 0) {
                lex.next(Mode.VALUE);
                return;
            }
            lex.next(Mode.VALUE);
        }
    }

    private boolean expect(char c, Mode mode) {
        Tok t = lex.peek(mode);
        if (t.is(c)) {
            lex.next(mode);
            return true;
        }
        syntax(t, "'" + c + "'");
        return false;
    }

    // ---------------------------------------------------------------- file

    void parseFile() {
        Tok t = lex.peek(Mode.NAME);
        if (t.kind() != Kind.V1) {
            diags.error(t.pos(), "syntax error: a source must start with /dts-v1/;");
            recover();
        }
        Boolean pluginFlag = null;
        while (lex.peek(Mode.NAME).kind() == Kind.V1) {
            Tok v1 = lex.next(Mode.NAME);
            if (!expect(';', Mode.NAME)) {
                recover();
                continue;
            }
            boolean plugin = false;
            if (lex.peek(Mode.NAME).kind() == Kind.PLUGIN) {
                lex.next(Mode.NAME);
                plugin = true;
                if (!expect(';', Mode.NAME)) {
                    recover();
                }
            }
            if (pluginFlag != null && pluginFlag != plugin) {
                diags.error(v1.pos(), "header flags don't match earlier ones");
            }
            pluginFlag = plugin;
        }
        tree.plugin = Boolean.TRUE.equals(pluginFlag);
        while (true) {
            List<Tok> labels = labels(Mode.NAME);
            t = lex.peek(Mode.NAME);
            if (t.kind() == Kind.EOF) {
                if (!labels.isEmpty()) {
                    syntax(t, "a node or /memreserve/ after the label");
                }
                break;
            }
            if (t.kind() == Kind.MEMRESERVE) {
                memreserve();
            } else {
                topItem(labels);
            }
        }
        if (tree.root == null && !diags.hasErrors()) {
            diags.error(lex.peek(Mode.NAME).pos(), "syntax error: no root node (/ { ... };)");
        }
    }

    private List<Tok> labels(Mode mode) {
        List<Tok> out = new ArrayList<>(0);
        while (lex.peek(mode).kind() == Kind.LABEL) {
            out.add(lex.next(mode));
        }
        return out;
    }

    private void memreserve() {
        Tok kw = lex.next(Mode.VALUE);
        if (sawTreeItem) {
            diags.error(kw.pos(), "syntax error: /memreserve/ must come before the tree");
        }
        long address = primary();
        long size = primary();
        if (!expect(';', Mode.NAME)) {
            recover();
            return;
        }
        reserves.add(new ReserveEntry(address, size));
    }

    private void topItem(List<Tok> labels) {
        Tok t = lex.next(Mode.NAME);
        sawTreeItem = true;
        if (t.is('/')) {
            if (!labels.isEmpty()) {
                syntax(labels.get(0), "'/', '&' or a directive (the root takes no label)");
            }
            DNode n = nodeDefinition(new DNode("", t.pos()));
            if (n == null) {
                return;
            }
            if (tree.root == null) {
                tree.setRoot(n);
            } else {
                tree.merge(tree.root, n);
            }
        } else if (t.kind() == Kind.REF || t.kind() == Kind.PATH_REF) {
            if (labels.size() > 1) {
                syntax(labels.get(1), "a single label before a reference");
            }
            DNode n = nodeDefinition(new DNode("", t.pos()));
            if (n == null) {
                return;
            }
            DNode target = tree.resolve(t.text());
            if (target == null && tree.plugin && labels.isEmpty()) {
                // dtc 1.6: in an overlay, a reference it cannot resolve becomes a fragment
                orphan(t, n);
                return;
            }
            if (target == null) {
                diags.error(t.pos(), "label or path " + t.text() + " not found");
                return;
            }
            for (Tok l : labels) {
                tree.addNodeLabel(target, l.text(), l.pos());
            }
            tree.merge(target, n);
        } else if (t.kind() == Kind.DEL_NODE || t.kind() == Kind.OMIT) {
            Tok ref = lex.next(Mode.NAME);
            if (ref.kind() != Kind.REF && ref.kind() != Kind.PATH_REF) {
                syntax(ref, "a reference (&label or &{/path})");
                recover();
                return;
            }
            if (!expect(';', Mode.NAME)) {
                recover();
            }
            DNode target = tree.resolve(ref.text());
            if (target == null) {
                diags.error(ref.pos(), "label or path " + ref.text() + " not found");
            } else if (t.kind() == Kind.DEL_NODE) {
                Tree.deleteNode(target);
            } else {
                target.omitIfUnused = true;
            }
        } else {
            syntax(t, "'/', a reference, /delete-node/ or /omit-if-no-ref/");
            recover();
        }
    }

    /** dtc's overlay shorthand: {@code &x { … }} in a plugin becomes {@code fragment@N { target…; __overlay__ }}. */
    private void orphan(Tok ref, DNode overlay) {
        if (tree.root == null) {
            tree.setRoot(new DNode("", ref.pos()));
        }
        DNode fragment = new DNode("fragment@" + Integer.toUnsignedString(tree.nextFragment++), ref.pos());
        Value v = new Value();
        DProp target;
        if (ref.kind() == Kind.PATH_REF) {
            v.append(ref.text().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            v.appendByte(0);
            target = new DProp("target-path", v, ref.pos());
        } else {
            v.mark(Marker.Type.PHANDLE, ref.text(), ref.pos());
            v.appendInt(0xffffffffL, 32);
            target = new DProp("target", v, ref.pos());
        }
        fragment.appendProp(target);
        overlay.name = "__overlay__";
        fragment.appendChild(overlay);
        tree.attach(tree.root, fragment);
    }

    // ---------------------------------------------------------------- node bodies

    /**
     * Parses {@code { body };} after the opening token into {@code top}; returns null if it was broken
     * beyond use. Sub-nodes go on an explicit stack.
     */
    private DNode nodeDefinition(DNode top) {
        if (!expect('{', Mode.VALUE)) {
            recover();
            return null;
        }
        ArrayDeque<DNode> stack = new ArrayDeque<>();
        ArrayDeque<boolean[]> sawChild = new ArrayDeque<>();
        stack.push(top);
        sawChild.push(new boolean[1]);
        while (!stack.isEmpty()) {
            DNode node = stack.peek();
            List<Tok> labels = new ArrayList<>(0);
            boolean omit = false;
            Tok t;
            while (true) {
                t = lex.peek(Mode.NAME);
                if (t.kind() == Kind.LABEL) {
                    labels.add(lex.next(Mode.NAME));
                } else if (t.kind() == Kind.OMIT) {
                    lex.next(Mode.NAME);
                    omit = true;
                } else {
                    break;
                }
            }
            if (t.is('}') && labels.isEmpty() && !omit) {
                lex.next(Mode.NAME);
                if (!expect(';', Mode.NAME)) {
                    recover();
                }
                stack.pop();
                sawChild.pop();
                continue;
            }
            if (t.kind() == Kind.EOF) {
                diags.error(t.pos(), "syntax error: unexpected end of input, missing '};'");
                return null;
            }
            if (t.kind() == Kind.DEL_PROP && !omit) {
                lex.next(Mode.NAME);
                Tok name = lex.next(Mode.NAME);
                if (name.kind() != Kind.NAME) {
                    syntax(name, "a property name");
                    recover();
                    continue;
                }
                if (!expect(';', Mode.NAME)) {
                    recover();
                }
                if (sawChild.peek()[0]) {
                    diags.error(t.pos(), "properties must precede subnodes");
                    continue;
                }
                DProp p = new DProp(name.text(), new Value(), name.pos());
                p.deleted = true;
                addPropLabels(p, labels);
                node.appendProp(p);
                continue;
            }
            if (t.kind() == Kind.DEL_NODE && !omit && labels.isEmpty()) {
                lex.next(Mode.NAME);
                Tok name = lex.next(Mode.NAME);
                if (name.kind() != Kind.NAME) {
                    syntax(name, "a node name");
                    recover();
                    continue;
                }
                if (!expect(';', Mode.NAME)) {
                    recover();
                }
                DNode d = new DNode(name.text(), name.pos());
                d.deleted = true;
                node.appendChild(d);
                sawChild.peek()[0] = true;
                continue;
            }
            if (t.kind() != Kind.NAME) {
                syntax(t, "a property or node name, or '}'");
                lex.next(Mode.NAME);
                recover();
                continue;
            }
            Tok name = lex.next(Mode.NAME);
            Tok after = lex.peek(Mode.VALUE);
            if (after.is('{')) {
                lex.next(Mode.VALUE);
                DNode child = new DNode(name.text(), name.pos());
                child.omitIfUnused = omit;
                // dtc applies "a: b: node" right to left, each label going first: a ends up printed first
                for (int k = labels.size() - 1; k >= 0; k--) {
                    if (child.label(labels.get(k).text()) == null) {
                        child.labels.add(new Label(labels.get(k).text(), child, labels.get(k).pos()));
                    }
                }
                node.appendChild(child);
                sawChild.peek()[0] = true;
                stack.push(child);
                sawChild.push(new boolean[1]);
                continue;
            }
            if (omit) {
                syntax(after, "'{' (/omit-if-no-ref/ applies to nodes)");
                recover();
                continue;
            }
            Value value = new Value();
            if (after.is('=')) {
                lex.next(Mode.VALUE);
                if (!propertyValue(value)) {
                    recover();
                    continue;
                }
            }
            Tok semi = lex.peek(Mode.VALUE);
            if (!semi.is(';')) {
                syntax(semi, after.is('=') ? "',' or ';'" : "'=', ';' or '{'");
                recover();
                continue;
            }
            lex.next(Mode.NAME);
            if (sawChild.peek()[0]) {
                diags.error(name.pos(), "properties must precede subnodes");
                continue;
            }
            DProp p = new DProp(name.text(), value, name.pos());
            addPropLabels(p, labels);
            node.appendProp(p);
        }
        return top;
    }

    private static void addPropLabels(DProp p, List<Tok> labels) {
        for (int k = labels.size() - 1; k >= 0; k--) {
            p.addLabel(labels.get(k).text(), labels.get(k).pos());
        }
    }

    // ---------------------------------------------------------------- values

    /** Parses the value after {@code =} up to (not including) the {@code ;}; false after a syntax error. */
    private boolean propertyValue(Value v) {
        boolean needItem = true;
        while (true) {
            Tok t = lex.peek(Mode.VALUE);
            switch (t.kind()) {
                case LABEL -> {
                    lex.next(Mode.VALUE);
                    v.mark(Marker.Type.LABEL, t.text(), t.pos());
                    continue;
                }
                case STRING -> {
                    if (!needItem) {
                        syntax(t, "',' or ';'");
                        return false;
                    }
                    lex.next(Mode.VALUE);
                    v.append(t.bytes());
                    v.appendByte(0);
                }
                case REF, PATH_REF -> {
                    if (!needItem) {
                        syntax(t, "',' or ';'");
                        return false;
                    }
                    lex.next(Mode.VALUE);
                    v.mark(Marker.Type.PATH, t.text(), t.pos());
                }
                case BITS -> {
                    if (!needItem) {
                        syntax(t, "',' or ';'");
                        return false;
                    }
                    lex.next(Mode.VALUE);
                    Tok n = lex.next(Mode.VALUE);
                    int bits = 32;
                    if (n.kind() != Kind.LITERAL) {
                        syntax(n, "a number of bits after /bits/");
                        return false;
                    }
                    if (n.value() == 8 || n.value() == 16 || n.value() == 32 || n.value() == 64) {
                        bits = (int) n.value();
                    } else {
                        diags.error(n.pos(), "array elements must be 8, 16, 32 or 64-bits");
                    }
                    if (!expect('<', Mode.VALUE) || !cells(v, bits)) {
                        return false;
                    }
                }
                case INCBIN -> {
                    if (!needItem) {
                        syntax(t, "',' or ';'");
                        return false;
                    }
                    lex.next(Mode.VALUE);
                    if (!incbin(t, v)) {
                        return false;
                    }
                }
                case CHAR -> {
                    if (t.is('<') && needItem) {
                        lex.next(Mode.VALUE);
                        if (!cells(v, 32)) {
                            return false;
                        }
                    } else if (t.is('[') && needItem) {
                        lex.next(Mode.BYTES);
                        if (!bytes(v)) {
                            return false;
                        }
                    } else if (t.is(',') && !needItem) {
                        lex.next(Mode.VALUE);
                        needItem = true;
                        continue;
                    } else if (t.is(';') && !needItem) {
                        return true;
                    } else {
                        syntax(t, needItem ? "a string, '<', '[', a reference or /incbin/" : "',' or ';'");
                        return false;
                    }
                }
                default -> {
                    syntax(t, needItem ? "a string, '<', '[', a reference or /incbin/" : "',' or ';'");
                    return false;
                }
            }
            needItem = false;
        }
    }

    private boolean cells(Value v, int bits) {
        while (true) {
            Tok t = lex.peek(Mode.VALUE);
            if (t.is('>')) {
                lex.next(Mode.VALUE);
                return true;
            }
            if (t.kind() == Kind.LABEL) {
                lex.next(Mode.VALUE);
                v.mark(Marker.Type.LABEL, t.text(), t.pos());
            } else if (t.kind() == Kind.REF || t.kind() == Kind.PATH_REF) {
                lex.next(Mode.VALUE);
                if (bits == 32) {
                    v.mark(Marker.Type.PHANDLE, t.text(), t.pos());
                    v.appendInt(0xffffffffL, 32);
                } else {
                    diags.error(t.pos(), "references are only allowed in arrays with 32-bit elements");
                }
            } else if (t.kind() == Kind.LITERAL || t.kind() == Kind.CHAR_LIT || t.is('(')) {
                long x = primary();
                // dtc: the bits above the element must be all zero, or all one (a sign-extended negative)
                long mask = bits == 64 ? -1L : (1L << bits) - 1;
                if (Long.compareUnsigned(x, mask) > 0 && (x | mask) != -1L) {
                    diags.error(t.pos(), "value out of range for " + bits + "-bit array element");
                }
                v.appendInt(x, bits);
            } else {
                syntax(t, "a number, a reference, a label or '>'");
                return false;
            }
        }
    }

    private boolean bytes(Value v) {
        while (true) {
            Tok t = lex.peek(Mode.BYTES);
            if (t.is(']')) {
                lex.next(Mode.VALUE);
                return true;
            }
            if (t.kind() == Kind.BYTE) {
                lex.next(Mode.BYTES);
                v.appendByte((int) t.value());
            } else if (t.kind() == Kind.LABEL) {
                lex.next(Mode.BYTES);
                v.mark(Marker.Type.LABEL, t.text(), t.pos());
            } else {
                syntax(t, "two hex digits, a label or ']'");
                return false;
            }
        }
    }

    private boolean incbin(Tok kw, Value v) {
        if (!expect('(', Mode.VALUE)) {
            return false;
        }
        Tok file = lex.next(Mode.VALUE);
        if (file.kind() != Kind.STRING) {
            syntax(file, "a file name string");
            return false;
        }
        long offset = 0;
        long length = -1;
        if (lex.peek(Mode.VALUE).is(',')) {
            lex.next(Mode.VALUE);
            offset = primary();
            if (!expect(',', Mode.VALUE)) {
                return false;
            }
            length = primary();
        }
        if (!expect(')', Mode.VALUE)) {
            return false;
        }
        String name = new String(file.bytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
        Path found = Source.resolve(name, lex.currentDir(), includePaths);
        if (found == null) {
            diags.error(file.pos(), "couldn't open \"" + name + "\": no such file");
            return true;
        }
        try (InputStream in = Files.newInputStream(found)) {
            // dtc seeks and then reads at most length bytes (all when no length): short files give less
            long skipped = in.skip(offset);
            if (skipped == offset) {
                byte[] data = length < 0 ? in.readAllBytes()
                        : in.readNBytes((int) Math.min(length, Integer.MAX_VALUE - 16));
                v.append(data);
            }
        } catch (IOException e) {
            diags.error(file.pos(), "couldn't read \"" + name + "\": " + e.getMessage());
        }
        return true;
    }

    // ---------------------------------------------------------------- integer expressions

    /** dtc's integer_prim: a literal, a character literal or a parenthesized expression. */
    private long primary() {
        Tok t = lex.peek(Mode.VALUE);
        if (t.kind() == Kind.LITERAL || t.kind() == Kind.CHAR_LIT) {
            lex.next(Mode.VALUE);
            return t.value();
        }
        if (t.is('(')) {
            lex.next(Mode.VALUE);
            enter(t);
            long v = expression();
            exprDepth--;
            Tok close = lex.peek(Mode.VALUE);
            if (close.is(')')) {
                lex.next(Mode.VALUE);
            } else {
                syntax(close, "')'");
            }
            return v;
        }
        syntax(t, "a number, a character literal or '('");
        if (t.kind() != Kind.EOF && !t.is(';') && !t.is('>') && !t.is('}')) {
            lex.next(Mode.VALUE);
        }
        return 0;
    }

    private void enter(Tok t) {
        if (++exprDepth > MAX_EXPRESSION_DEPTH) {
            diags.error(t.pos(), "expression nested too deeply (more than " + MAX_EXPRESSION_DEPTH + " levels)");
            throw new TooDeep();
        }
    }

    /** Unwinds an over-deep expression; caught where the whole compilation is driven. */
    static final class TooDeep extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooDeep() {
            super(null, null, false, false);
        }
    }

    private long expression() {
        long cond = binary(0);
        Tok t = lex.peek(Mode.VALUE);
        if (!t.is('?')) {
            return cond;
        }
        lex.next(Mode.VALUE);
        enter(t);
        long a = expression();
        expect(':', Mode.VALUE);
        long b = expression();
        exprDepth--;
        return cond != 0 ? a : b;
    }

    /** Binary levels from loosest (0: ||) to tightest (9: * / %). */
    private static final int LEVELS = 10;

    private static int level(Tok t) {
        return switch (t.kind()) {
            case OR -> 0;
            case AND -> 1;
            case EQ, NE -> 5;
            case LE, GE -> 6;
            case LSHIFT, RSHIFT -> 7;
            case CHAR -> switch (t.ch()) {
                case '|' -> 2;
                case '^' -> 3;
                case '&' -> 4;
                case '<', '>' -> 6;
                case '+', '-' -> 8;
                case '*', '/', '%' -> 9;
                default -> -1;
            };
            default -> -1;
        };
    }

    private long binary(int lvl) {
        if (lvl == LEVELS) {
            return unary();
        }
        long left = binary(lvl + 1);
        while (true) {
            Tok op = lex.peek(Mode.VALUE);
            if (level(op) != lvl) {
                return left;
            }
            lex.next(Mode.VALUE);
            long right = binary(lvl + 1);
            left = apply(op, left, right);
        }
    }

    private long unary() {
        Tok t = lex.peek(Mode.VALUE);
        if (t.is('-') || t.is('~') || t.is('!')) {
            lex.next(Mode.VALUE);
            enter(t);
            long v = unary();
            exprDepth--;
            return t.is('-') ? -v : t.is('~') ? ~v : (v == 0 ? 1 : 0);
        }
        return primary();
    }

    /** dtc computes in unsigned 64 bits; shifts by 64 or more give 0. */
    private long apply(Tok op, long a, long b) {
        switch (op.kind()) {
            case OR: return (a != 0 || b != 0) ? 1 : 0;
            case AND: return (a != 0 && b != 0) ? 1 : 0;
            case EQ: return a == b ? 1 : 0;
            case NE: return a != b ? 1 : 0;
            case LE: return Long.compareUnsigned(a, b) <= 0 ? 1 : 0;
            case GE: return Long.compareUnsigned(a, b) >= 0 ? 1 : 0;
            case LSHIFT: return Long.compareUnsigned(b, 64) >= 0 ? 0 : a << b;
            case RSHIFT: return Long.compareUnsigned(b, 64) >= 0 ? 0 : a >>> b;
            default: break;
        }
        switch (op.ch()) {
            case '|': return a | b;
            case '^': return a ^ b;
            case '&': return a & b;
            case '<': return Long.compareUnsigned(a, b) < 0 ? 1 : 0;
            case '>': return Long.compareUnsigned(a, b) > 0 ? 1 : 0;
            case '+': return a + b;
            case '-': return a - b;
            case '*': return a * b;
            case '/':
            case '%':
                if (b == 0) {
                    diags.error(op.pos(), "division by zero");
                    return 0;
                }
                return op.ch() == '/' ? Long.divideUnsigned(a, b) : Long.remainderUnsigned(a, b);
            default:
                throw new IllegalStateException("not an operator: " + op);
        }
    }
}
