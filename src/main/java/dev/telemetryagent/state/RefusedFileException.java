package dev.telemetryagent.state;

import java.io.IOException;

/**
 * A file the agent will not use: not a regular file, too large, not owned by the current user, writable
 * by others, or reached through a link where none may be. The message says which, in a few words, and
 * never quotes the file's content.
 */
public final class RefusedFileException extends IOException {
    private static final long serialVersionUID = 1L;

    /** @param why what is wrong with the file, e.g. "not a regular file" */
    public RefusedFileException(String why) {
        super(why);
    }
}
