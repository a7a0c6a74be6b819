package org.xenwb.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.xenwb.cli.Main;

import picocli.CommandLine;

/** The conventions every {@code xenwb} command follows: help on every level, exit codes 0, 1 and 2. */
class CliConventionsTest {

    private static CliRun run(String... args) {
        return CliRun.run(args);
    }

    @Test
    void topLevelHelpListsTheCommandsAndExitsZero() {
        CliRun result = run("--help");
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().startsWith("Usage: xenwb"), result.out());
        assertTrue(result.out().contains("version"), result.out());
        assertTrue(result.out().contains("Exit codes: 0 success, 1 failure, 2 usage error, 130 interrupted by Ctrl-C."),
                result.out());
    }

    @Test
    void everyCommandOnEveryLevelHasHelp() {
        checkHelp(Main.newCommandLine(), "");
    }

    private static void checkHelp(CommandLine command, String prefix) {
        String path = (prefix + " " + command.getCommandName()).trim();
        String[] args = (path.replaceFirst("^xenwb ?", "") + " --help").trim().split(" ");
        CliRun result = run(args);
        assertEquals(0, result.exitCode(), "xenwb " + String.join(" ", args) + ": " + result.err());
        assertTrue(result.out().startsWith("Usage: " + path), path + ": " + result.out());
        for (CommandLine sub : command.getSubcommands().values()) {
            checkHelp(sub, path);
        }
    }

    @Test
    void versionNamesTheProductAndTheJavaRuntime() {
        CliRun result = run("version");
        assertEquals(0, result.exitCode(), result.err());
        String[] lines = result.out().split("\\R");
        assertTrue(lines[0].startsWith("Xen Workbench "), result.out());
        assertTrue(lines[1].startsWith("Java " + Runtime.version().feature()), result.out());
        assertEquals(result.out(), run("--version").out());
    }

    @Test
    void unknownCommandIsAUsageError() {
        CliRun result = run("no-such-command");
        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("no-such-command"), result.err());
    }

    @Test
    void missingCommandIsAUsageError() {
        CliRun result = run();
        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("Missing command"), result.err());
    }

    @Test
    void unknownOptionIsAShortUsageError() {
        CliRun result = run("engine", "run", "--durration", "1s");
        assertEquals(2, result.exitCode());
        // the message, the suggestion and where help is; not the whole help, which would bury the message
        assertTrue(result.err().startsWith("xenwb: Unknown option: '--durration'"), result.err());
        assertTrue(result.err().contains("--duration"), result.err());
        assertTrue(result.err().contains("Try 'xenwb engine run --help' for more information."), result.err());
        assertTrue(!result.err().contains("Usage:"), result.err());
    }

    @Test
    void everyCommandPrintsTheVersion() {
        String version = run("--version").out();
        assertTrue(version.startsWith("Xen Workbench "), version);
        for (String[] args : new String[][] {{"trace", "summary", "--version"}, {"xsm", "-V"},
                {"engine", "run", "-V"}, {"kconfig", "--version"}}) {
            CliRun result = run(args);
            assertEquals(0, result.exitCode(), String.join(" ", args));
            assertEquals(version, result.out(), String.join(" ", args));
        }
    }
}
