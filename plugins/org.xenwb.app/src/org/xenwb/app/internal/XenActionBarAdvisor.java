package org.xenwb.app.internal;

import org.eclipse.jface.action.GroupMarker;
import org.eclipse.jface.action.IMenuManager;
import org.eclipse.jface.action.MenuManager;
import org.eclipse.jface.action.Separator;
import org.eclipse.ui.IWorkbenchActionConstants;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.actions.ActionFactory;
import org.eclipse.ui.actions.ActionFactory.IWorkbenchAction;
import org.eclipse.ui.application.ActionBarAdvisor;
import org.eclipse.ui.application.IActionBarConfigurer;

/**
 * The main menu: File, Edit, Window and Help with the standard workbench actions, so that save, undo/redo,
 * preferences, key bindings and the about box work with their usual shortcuts. Components contribute further
 * menus through {@code org.eclipse.ui.menus} at the {@code additions} markers.
 */
final class XenActionBarAdvisor extends ActionBarAdvisor {

    XenActionBarAdvisor(IActionBarConfigurer configurer) {
        super(configurer);
    }

    @Override
    protected void makeActions(IWorkbenchWindow window) {
        for (ActionFactory factory : new ActionFactory[] {
            ActionFactory.SAVE, ActionFactory.SAVE_AS, ActionFactory.SAVE_ALL, ActionFactory.CLOSE,
            ActionFactory.CLOSE_ALL, ActionFactory.REFRESH, ActionFactory.PROPERTIES, ActionFactory.QUIT,
            ActionFactory.UNDO, ActionFactory.REDO, ActionFactory.CUT, ActionFactory.COPY, ActionFactory.PASTE,
            ActionFactory.DELETE, ActionFactory.SELECT_ALL, ActionFactory.FIND,
            ActionFactory.RESET_PERSPECTIVE, ActionFactory.PREFERENCES, ActionFactory.SHOW_VIEW_MENU,
            ActionFactory.ABOUT}) {
            register(factory.create(window));
        }
    }

    @Override
    protected void fillMenuBar(IMenuManager menuBar) {
        MenuManager file = new MenuManager("&File", IWorkbenchActionConstants.M_FILE);
        file.add(new GroupMarker(IWorkbenchActionConstants.FILE_START));
        file.add(new GroupMarker(IWorkbenchActionConstants.NEW_EXT));
        file.add(new Separator());
        add(file, ActionFactory.CLOSE, ActionFactory.CLOSE_ALL);
        file.add(new Separator());
        add(file, ActionFactory.SAVE, ActionFactory.SAVE_AS, ActionFactory.SAVE_ALL);
        file.add(new Separator());
        add(file, ActionFactory.REFRESH, ActionFactory.PROPERTIES);
        file.add(new GroupMarker(IWorkbenchActionConstants.MB_ADDITIONS));
        file.add(new Separator());
        add(file, ActionFactory.QUIT);
        file.add(new GroupMarker(IWorkbenchActionConstants.FILE_END));

        MenuManager edit = new MenuManager("&Edit", IWorkbenchActionConstants.M_EDIT);
        edit.add(new GroupMarker(IWorkbenchActionConstants.EDIT_START));
        add(edit, ActionFactory.UNDO, ActionFactory.REDO);
        edit.add(new Separator());
        add(edit, ActionFactory.CUT, ActionFactory.COPY, ActionFactory.PASTE, ActionFactory.DELETE,
                ActionFactory.SELECT_ALL);
        edit.add(new Separator());
        add(edit, ActionFactory.FIND);
        edit.add(new GroupMarker(IWorkbenchActionConstants.MB_ADDITIONS));
        edit.add(new GroupMarker(IWorkbenchActionConstants.EDIT_END));

        MenuManager window = new MenuManager("&Window", IWorkbenchActionConstants.M_WINDOW);
        add(window, ActionFactory.SHOW_VIEW_MENU, ActionFactory.RESET_PERSPECTIVE);
        window.add(new GroupMarker(IWorkbenchActionConstants.MB_ADDITIONS));
        window.add(new Separator());
        add(window, ActionFactory.PREFERENCES);

        MenuManager help = new MenuManager("&Help", IWorkbenchActionConstants.M_HELP);
        help.add(new GroupMarker(IWorkbenchActionConstants.HELP_START));
        help.add(new GroupMarker(IWorkbenchActionConstants.MB_ADDITIONS));
        help.add(new Separator());
        add(help, ActionFactory.ABOUT);
        help.add(new GroupMarker(IWorkbenchActionConstants.HELP_END));

        menuBar.add(file);
        menuBar.add(edit);
        menuBar.add(new GroupMarker(IWorkbenchActionConstants.MB_ADDITIONS));
        menuBar.add(window);
        menuBar.add(help);
    }

    private void add(IMenuManager menu, ActionFactory... factories) {
        for (ActionFactory factory : factories) {
            IWorkbenchAction action = (IWorkbenchAction) getAction(factory.getId());
            menu.add(action);
        }
    }
}
