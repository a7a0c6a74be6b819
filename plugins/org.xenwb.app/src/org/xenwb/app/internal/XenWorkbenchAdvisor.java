package org.xenwb.app.internal;

import org.eclipse.core.resources.IWorkspace;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IAdaptable;
import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.ui.application.IWorkbenchConfigurer;
import org.eclipse.ui.application.IWorkbenchWindowConfigurer;
import org.eclipse.ui.application.WorkbenchAdvisor;
import org.eclipse.ui.application.WorkbenchWindowAdvisor;
import org.eclipse.ui.ide.IDE;
import org.xenwb.app.XenWorkbenchApplication;
import org.xenwb.app.console.CommandConsoleFactory;

/**
 * Workbench-wide policy of Xen Workbench: the default perspective, the workspace as the page input (so the
 * resource views show the user's projects), remembered window layout, and saving the workspace on exit.
 */
public final class XenWorkbenchAdvisor extends WorkbenchAdvisor {

    @Override
    public void initialize(IWorkbenchConfigurer configurer) {
        super.initialize(configurer);
        configurer.setSaveAndRestore(true);
        IDE.registerAdapters();
    }

    @Override
    public String getInitialWindowPerspectiveId() {
        return XenWorkbenchApplication.DEFAULT_PERSPECTIVE_ID;
    }

    @Override
    public IAdaptable getDefaultPageInput() {
        return ResourcesPlugin.getWorkspace().getRoot();
    }

    @Override
    public WorkbenchWindowAdvisor createWorkbenchWindowAdvisor(IWorkbenchWindowConfigurer configurer) {
        return new XenWorkbenchWindowAdvisor(configurer);
    }

    /** Opens the command-line console so that the Console view offers the xenwb commands from the start. */
    @Override
    public void postStartup() {
        super.postStartup();
        CommandConsoleFactory.findOrCreate();
    }

    @Override
    public void postShutdown() {
        IWorkspace workspace = ResourcesPlugin.getWorkspace();
        try {
            workspace.save(true, new NullProgressMonitor());
        } catch (CoreException e) {
            ILog.of(getClass()).log(e.getStatus());
        }
        super.postShutdown();
    }
}
