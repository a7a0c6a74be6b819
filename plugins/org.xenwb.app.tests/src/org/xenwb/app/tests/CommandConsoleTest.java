package org.xenwb.app.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.Test;
import org.xenwb.app.console.CommandConsole;
import org.xenwb.app.console.CommandConsoleFactory;
import org.xenwb.app.console.CommandLineSplitter;

/** The Console view's command-line console runs xenwb commands typed by the user. */
class CommandConsoleTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void typedCommandsRunAndPrintTheirOutput() throws Exception {
        Display display = waitForWorkbench();
        CommandConsole console = onUi(display, CommandConsoleFactory::findOrCreate);

        int start = length(display, console);
        console.getInputStream().appendData("version\n");
        String text = waitForText(display, console, start, "Xen Workbench 0.");
        assertTrue(text.contains(CommandConsole.PROMPT), text);

        start = length(display, console);
        console.getInputStream().appendData("no-such-command\n");
        text = waitForText(display, console, start, "(exit code 2)");
        assertTrue(text.contains("no-such-command"), text);
    }

    @Test
    void engineShellReadsXlCommandsFromTheConsole() throws Exception {
        Display display = waitForWorkbench();
        CommandConsole console = onUi(display, CommandConsoleFactory::findOrCreate);

        int start = length(display, console);
        console.getInputStream().appendData("engine shell --pcpus 2\nlist\nexit\nversion\n");

        String text = waitForText(display, console, start, "Xen Workbench 0.");
        assertTrue(text.contains("Domain-0"), "xl list printed dom0 before the shell exited:\n" + text);
    }

    @Test
    void splitsLikeAShell() {
        assertEquals(List.of("trace", "summary", "--cpu-hz=2.4e9", "my trace.bin"),
                CommandLineSplitter.split("trace summary  --cpu-hz=2.4e9 'my trace.bin'"));
        assertEquals(List.of("a b", "c\"d", "e f"), CommandLineSplitter.split("\"a b\" c\\\"d e\\ f"));
        assertThrows(IllegalArgumentException.class, () -> CommandLineSplitter.split("xsm check 'open"));
    }

    private static Display waitForWorkbench() throws InterruptedException {
        Instant deadline = Instant.now().plus(TIMEOUT);
        while (!PlatformUI.isWorkbenchRunning() || PlatformUI.getWorkbench().getWorkbenchWindowCount() == 0) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the workbench did not start within " + TIMEOUT);
            }
            Thread.sleep(200);
        }
        return PlatformUI.getWorkbench().getDisplay();
    }

    private static int length(Display display, CommandConsole console) {
        return onUi(display, () -> console.getDocument().getLength());
    }

    /** Waits until the console's text after offset {@code start} contains {@code expected}; returns that text. */
    private static String waitForText(Display display, CommandConsole console, int start, String expected)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(TIMEOUT);
        String text = "";
        while (Instant.now().isBefore(deadline)) {
            text = onUi(display, () -> console.getDocument().get()).substring(start);
            if (text.contains(expected)) {
                return text;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the console did not show '" + expected + "' within " + TIMEOUT + ":\n" + text);
    }

    private static <T> T onUi(Display display, java.util.function.Supplier<T> task) {
        AtomicReference<T> result = new AtomicReference<>();
        display.syncExec(() -> result.set(task.get()));
        return result.get();
    }
}
