package org.xenwb.app.internal;

import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.widgets.Display;

/** User-facing strings of the application bundle (messages.properties beside this class). */
public final class Messages extends NLS {

    /** Title of the dialog shown when no workspace location can be used at all. */
    public static String workspaceNoneTitle;
    /** Body of that dialog. */
    public static String workspaceNone;
    /** Title of the dialog shown when another instance holds the workspace. */
    public static String workspaceLockedTitle;
    /** Body of that dialog; {0} is the workspace folder. */
    public static String workspaceLocked;

    static {
        NLS.initializeMessages("org.xenwb.app.internal.messages", Messages.class);
    }

    private Messages() {
    }

    /**
     * Shows an error dialog before the workbench exists.
     *
     * @param display the display to parent the dialog on
     * @param title the dialog title
     * @param message the message
     */
    public static void showError(Display display, String title, String message) {
        MessageDialog.openError(display.getActiveShell(), title, message);
    }
}
