package dev.ferrum.examples.search;

import java.nio.file.Path;

/** One matching line: the file, its 1-based line number and the line's text. */
record Match(Path file, long line, String text) {
    /** grep's format: {@code path:line:text}. */
    @Override
    public String toString() {
        return file + ":" + line + ":" + text;
    }
}
