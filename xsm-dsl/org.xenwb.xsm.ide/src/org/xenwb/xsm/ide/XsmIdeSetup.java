package org.xenwb.xsm.ide;

import org.eclipse.xtext.util.Modules2;
import org.xenwb.xsm.XsmRuntimeModule;
import org.xenwb.xsm.XsmStandaloneSetup;

import com.google.inject.Guice;
import com.google.inject.Injector;

/** Sets the policy language up with its IDE services, without OSGi (language server, editor tests). */
public class XsmIdeSetup extends XsmStandaloneSetup {

    @Override
    public Injector createInjector() {
        return Guice.createInjector(Modules2.mixin(new XsmRuntimeModule(), new XsmIdeModule()));
    }
}
