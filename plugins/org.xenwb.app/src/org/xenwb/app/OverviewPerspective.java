package org.xenwb.app;

import org.eclipse.ui.IFolderLayout;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPerspectiveFactory;
import org.eclipse.ui.console.IConsoleConstants;
import org.eclipse.ui.navigator.resources.ProjectExplorer;

/**
 * The default perspective: the hypervisor build's files on the left, editors in the middle, outline and
 * properties on the right, problems, console and progress below.
 */
public final class OverviewPerspective implements IPerspectiveFactory {

    /** Folder ids, stable so that tests and later components can place views in them. */
    public static final String LEFT = "org.xenwb.app.perspective.overview.left";
    /** The right-hand folder (outline, properties). */
    public static final String RIGHT = "org.xenwb.app.perspective.overview.right";
    /** The bottom folder (problems, console, progress). */
    public static final String BOTTOM = "org.xenwb.app.perspective.overview.bottom";

    @Override
    public void createInitialLayout(IPageLayout layout) {
        String editors = layout.getEditorArea();
        IFolderLayout left = layout.createFolder(LEFT, IPageLayout.LEFT, 0.22f, editors);
        left.addView(ProjectExplorer.VIEW_ID);

        IFolderLayout bottom = layout.createFolder(BOTTOM, IPageLayout.BOTTOM, 0.70f, editors);
        bottom.addView(IPageLayout.ID_PROBLEM_VIEW);
        bottom.addView(IConsoleConstants.ID_CONSOLE_VIEW);
        bottom.addView(IPageLayout.ID_PROGRESS_VIEW);

        IFolderLayout right = layout.createFolder(RIGHT, IPageLayout.RIGHT, 0.75f, editors);
        right.addView(IPageLayout.ID_OUTLINE);
        right.addView(IPageLayout.ID_PROP_SHEET);

        layout.addShowViewShortcut(ProjectExplorer.VIEW_ID);
        layout.addShowViewShortcut(IPageLayout.ID_PROBLEM_VIEW);
        layout.addShowViewShortcut(IConsoleConstants.ID_CONSOLE_VIEW);
        layout.addShowViewShortcut(IPageLayout.ID_PROGRESS_VIEW);
        layout.addShowViewShortcut(IPageLayout.ID_OUTLINE);
        layout.addShowViewShortcut(IPageLayout.ID_PROP_SHEET);
        layout.addNewWizardShortcut("org.eclipse.ui.wizards.new.project");
        layout.addNewWizardShortcut("org.eclipse.ui.wizards.new.folder");
        layout.addNewWizardShortcut("org.eclipse.ui.wizards.new.file");
    }
}
