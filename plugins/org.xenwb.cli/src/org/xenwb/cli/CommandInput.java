package org.xenwb.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.Charset;

/**
 * Where commands that read their input line by line ({@code engine shell}, the prompts of {@code kconfig
 * --oldconfig}) take it from: standard input by default, or the reader the caller of
 * {@link Main#run(String[], BufferedReader, java.io.PrintWriter, java.io.PrintWriter)} gives, such as the
 * workbench's command console. The choice holds for the thread that runs the command.
 */
public final class CommandInput {

    private static final ThreadLocal<BufferedReader> SUPPLIED = new ThreadLocal<>();

    private CommandInput() {
    }

    /**
     * @param stdinCharset the character set to decode standard input with when no reader was supplied
     * @return the reader the current command reads its input lines from
     */
    public static BufferedReader reader(Charset stdinCharset) {
        BufferedReader supplied = SUPPLIED.get();
        return supplied != null ? supplied : new BufferedReader(new InputStreamReader(System.in, stdinCharset));
    }

    static void supply(BufferedReader reader) {
        if (reader == null) {
            SUPPLIED.remove();
        } else {
            SUPPLIED.set(reader);
        }
    }
}
