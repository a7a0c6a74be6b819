package org.xenwb.xsm;

/**
 * Sets the policy language up without the Equinox extension registry (command line, tests, language server):
 * registers the EMF package and the {@code .xsm} file extension and creates the injector.
 */
public class XsmStandaloneSetup extends XsmStandaloneSetupGenerated {

    /** Registers the language globally; safe to call more than once. */
    public static void doSetup() {
        new XsmStandaloneSetup().createInjectorAndDoEMFRegistration();
    }
}
