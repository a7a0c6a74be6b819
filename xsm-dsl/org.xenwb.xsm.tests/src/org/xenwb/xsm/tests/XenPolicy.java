package org.xenwb.xsm.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;
import org.xenwb.xsm.policy.compile.XenPolicySources;

/** Xen's m4-expanded default policy.conf, made as Xen's build makes it; skips the test without m4. */
final class XenPolicy {

    private XenPolicy() {
    }

    static String expand(Path xenTree) throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/m4")), "m4 not installed: skipped");
        return XenPolicySources.expand(xenTree);
    }
}
