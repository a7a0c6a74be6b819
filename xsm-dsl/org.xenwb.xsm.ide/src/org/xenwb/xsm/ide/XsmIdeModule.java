package org.xenwb.xsm.ide;

/**
 * Guice bindings of the UI-independent IDE services (content assist, highlighting, outline data) shared by the
 * workbench's policy editor and a language server.
 */
public class XsmIdeModule extends AbstractXsmIdeModule {
}
