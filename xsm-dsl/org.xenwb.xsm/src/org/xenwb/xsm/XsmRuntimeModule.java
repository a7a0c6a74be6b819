package org.xenwb.xsm;

/**
 * Guice bindings of the policy language's runtime services (parser, linker, scoping, validation), used by the
 * command line and the tests without OSGi and by the workbench under it. The generated base class binds the
 * defaults; bindings of our own go here.
 */
public class XsmRuntimeModule extends AbstractXsmRuntimeModule {
}
