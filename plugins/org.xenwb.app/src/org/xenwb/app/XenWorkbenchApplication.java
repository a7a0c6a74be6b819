package org.xenwb.app;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;

import org.eclipse.core.runtime.Platform;
import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.eclipse.osgi.service.datalocation.Location;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.PlatformUI;
import org.xenwb.app.internal.Messages;
import org.xenwb.app.internal.XenWorkbenchAdvisor;

/**
 * The Xen Workbench RCP application: opens the workspace and runs the workbench until the user quits.
 *
 * <p>The workspace is the one given with {@code -data}; without it, {@code ~/.xenwb/workspace}. A workspace that
 * another Xen Workbench has open is refused with a message, never shared.</p>
 */
public final class XenWorkbenchApplication implements IApplication {

    /** The perspective a new workspace opens with. */
    public static final String DEFAULT_PERSPECTIVE_ID = "org.xenwb.app.perspective.overview";

    @Override
    public Object start(IApplicationContext context) throws Exception {
        Display display = PlatformUI.createDisplay();
        try {
            if (!lockWorkspace(display)) {
                return EXIT_OK;
            }
            context.applicationRunning();
            int code = PlatformUI.createAndRunWorkbench(display, new XenWorkbenchAdvisor());
            return code == PlatformUI.RETURN_RESTART ? EXIT_RESTART : EXIT_OK;
        } finally {
            Location instance = Platform.getInstanceLocation();
            if (instance != null && instance.isLocked()) {
                instance.release();
            }
            display.dispose();
        }
    }

    @Override
    public void stop() {
        if (!PlatformUI.isWorkbenchRunning()) {
            return;
        }
        IWorkbench workbench = PlatformUI.getWorkbench();
        Display display = workbench.getDisplay();
        display.syncExec(() -> {
            if (!display.isDisposed()) {
                workbench.close();
            }
        });
    }

    /**
     * Sets the workspace to its default place when none was given and locks it.
     *
     * @return {@code false} when the workspace cannot be used; the user has been told why
     */
    private static boolean lockWorkspace(Display display) throws IOException {
        Location instance = Platform.getInstanceLocation();
        if (instance == null) {
            Messages.showError(display, Messages.workspaceNoneTitle, Messages.workspaceNone);
            return false;
        }
        if (!instance.isSet()) {
            URL defaultWorkspace = Path.of(System.getProperty("user.home"), ".xenwb", "workspace").toUri().toURL();
            instance.set(defaultWorkspace, false);
        }
        if (!instance.lock()) {
            Messages.showError(display, Messages.workspaceLockedTitle,
                    Messages.bind(Messages.workspaceLocked, instance.getURL().getFile()));
            return false;
        }
        return true;
    }
}
