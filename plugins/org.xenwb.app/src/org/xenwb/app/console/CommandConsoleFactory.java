package org.xenwb.app.console;

import org.eclipse.ui.console.ConsolePlugin;
import org.eclipse.ui.console.IConsole;
import org.eclipse.ui.console.IConsoleFactory;
import org.eclipse.ui.console.IConsoleManager;

/** Opens the command-line console (Console view > Open Console > Xen Workbench command line), one per workbench. */
public final class CommandConsoleFactory implements IConsoleFactory {

    @Override
    public void openConsole() {
        IConsoleManager manager = ConsolePlugin.getDefault().getConsoleManager();
        manager.showConsoleView(findOrCreate());
    }

    /**
     * @return the workbench's command console, created and started on first use
     */
    public static CommandConsole findOrCreate() {
        IConsoleManager manager = ConsolePlugin.getDefault().getConsoleManager();
        for (IConsole console : manager.getConsoles()) {
            if (console instanceof CommandConsole existing) {
                return existing;
            }
        }
        CommandConsole console = new CommandConsole();
        manager.addConsoles(new IConsole[] {console});
        console.start();
        return console;
    }
}
