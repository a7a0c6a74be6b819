package org.xenwb.app.console;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.console.IOConsole;
import org.eclipse.ui.console.IOConsoleOutputStream;
import org.xenwb.cli.Main;

/**
 * A console in the Console view that runs {@code xenwb} commands: the user types a command line after the
 * {@code xenwb>} prompt (without the word {@code xenwb}) and sees its output, errors in red. Commands run one
 * after the other on a background thread of the console, never on the UI thread.
 */
public final class CommandConsole extends IOConsole {

    /** The console type, to find the console among the Console view's consoles. */
    public static final String TYPE = "org.xenwb.app.console.commandLine";
    /** The prompt printed before each command. */
    public static final String PROMPT = "xenwb> ";

    private volatile boolean disposed;

    /** Creates the console; {@link #start()} begins reading commands. */
    public CommandConsole() {
        super("Xen Workbench command line", TYPE, null, StandardCharsets.UTF_8.name(), true);
    }

    /** Starts the thread that reads and runs commands until the console is disposed. */
    public void start() {
        Thread reader = new Thread(this::readCommands, "xenwb console");
        reader.setDaemon(true);
        reader.start();
    }

    /*
     * The output streams are not closed here: the console closes them when it is disposed, and closing them from
     * this thread as well deadlocks against that (both lock the console and the stream, in opposite orders).
     */
    private void readCommands() {
        IOConsoleOutputStream outStream = newOutputStream();
        IOConsoleOutputStream errStream = newOutputStream();
        try {
            BufferedReader in = new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
            Display display = PlatformUI.getWorkbench().getDisplay();
            display.asyncExec(() -> errStream.setColor(display.getSystemColor(SWT.COLOR_RED)));
            PrintWriter out = new PrintWriter(outStream, true, StandardCharsets.UTF_8);
            PrintWriter err = new PrintWriter(errStream, true, StandardCharsets.UTF_8);
            out.println("Type a command of the xenwb command line, for example: --help, version, trace summary FILE."
                    + " 'engine shell' reads xl commands here until 'exit'.");
            out.print(PROMPT);
            out.flush();
            String line;
            while (!disposed && (line = in.readLine()) != null) {
                run(line.strip(), in, out, err);
                out.print(PROMPT);
                out.flush();
            }
        } catch (IOException e) {
            // the console was closed while reading: nothing left to run
        }
    }

    /** Runs one command; commands that read input lines (engine shell, kconfig prompts) read the console's. */
    private static void run(String line, BufferedReader in, PrintWriter out, PrintWriter err) {
        if (line.isEmpty()) {
            return;
        }
        String command = line.startsWith("xenwb ") ? line.substring("xenwb ".length()) : line;
        try {
            List<String> args = CommandLineSplitter.split(command);
            int code = Main.run(args.toArray(String[]::new), in, out, err);
            if (code != Main.EXIT_OK) {
                err.println("(exit code " + code + ")");
            }
        } catch (IllegalArgumentException e) {
            err.println("xenwb: " + e.getMessage());
        }
    }

    @Override
    protected void dispose() {
        disposed = true;
        super.dispose();
    }
}
