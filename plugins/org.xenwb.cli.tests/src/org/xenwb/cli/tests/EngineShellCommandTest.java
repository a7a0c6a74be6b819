package org.xenwb.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code xenwb engine shell}: xl commands from standard input, with the shell's own {@code run} and {@code help}. */
class EngineShellCommandTest {

    @Test
    void helpListsTheCommandsAndMistakesAreOneLineEach() {
        CliRun r = CliRun.withInput("help\nrun\nrun 10ms\nvcpu-set -i Domain-0 8\nlist\nexit\nlist\n", "engine",
                "shell", "--pcpus", "2");
        assertEquals(1, r.exitCode(), "a command failed: " + r.err());
        assertTrue(r.out().startsWith("xl commands: list, vcpu-list, info, dmesg, create, "), r.out());
        assertTrue(r.out().contains("shell commands: run TIME"), r.out());
        assertEquals("xl: run: give a time to simulate, e.g. run 100ms\n"
                + "xl: vcpu-set: cannot set 8 vCPUs: the domain may have 1 to 2 (its maxvcpus)\n", r.err());
        // one list: the shell ended at exit
        assertEquals(1, r.out().split("Name\\s+ID\\s+Mem", -1).length - 1, r.out());
    }
}
