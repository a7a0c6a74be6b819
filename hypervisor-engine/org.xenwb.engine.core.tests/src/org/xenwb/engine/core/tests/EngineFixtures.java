package org.xenwb.engine.core.tests;

import org.xenwb.engine.core.Engine;
import org.xenwb.engine.core.EngineOptions;
import org.xenwb.engine.core.model.HostTopology;
import org.xenwb.engine.core.model.HypervisorBuild;
import org.xenwb.engine.core.model.SchedulerKind;

/** Small helpers to build engines in tests. */
final class EngineFixtures {

    static final long MS = 1_000_000L;
    static final long S = 1_000_000_000L;

    private EngineFixtures() {
    }

    static Engine engine(int pcpus, SchedulerKind kind, long seed) {
        EngineOptions o = new EngineOptions();
        o.seed = seed;
        o.debugChecks = true;
        return new Engine(HostTopology.withCpus(pcpus), HypervisorBuild.everything(), kind, o);
    }
}
