package org.xenwb.cli.tests;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;

import org.xenwb.cli.Main;

/**
 * Runs {@code xenwb} in-process for tests and keeps what it printed.
 *
 * @param exitCode the exit code
 * @param out standard output
 * @param err standard error
 */
record CliRun(int exitCode, String out, String err) {

    /**
     * Runs one command line.
     *
     * @param args the arguments after {@code xenwb}
     * @return exit code and output
     */
    static CliRun run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new CliRun(code, out.toString(), err.toString());
    }

    /**
     * Runs one command line with text on its standard input.
     *
     * @param input the standard input
     * @param args the arguments after {@code xenwb}
     * @return exit code and output
     */
    static CliRun withInput(String input, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new BufferedReader(new StringReader(input)), new PrintWriter(out),
                new PrintWriter(err));
        return new CliRun(code, out.toString(), err.toString());
    }
}
