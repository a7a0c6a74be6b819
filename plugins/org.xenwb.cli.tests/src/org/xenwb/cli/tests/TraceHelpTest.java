package org.xenwb.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The help of {@code xenwb trace} and its commands reads as whole sentences and unbroken paths. */
class TraceHelpTest {

    private static final List<String> INDEX_COMMANDS = List.of("index", "states", "events", "stats");

    @Test
    void everyCommandSummaryIsAWholeSentence() {
        CliRun help = CliRun.run("trace", "--help");
        assertEquals(0, help.exitCode(), help.err());
        String commands = help.out().substring(help.out().indexOf("Commands:"));
        // each command's summary runs from its name to the next command's name (or the end)
        Matcher m = Pattern.compile("(?m)^  (\\w+) +(.*(?:\\R {13}.*)*)").matcher(commands);
        int n = 0;
        while (m.find()) {
            String summary = m.group(2).replaceAll("\\s+", " ").trim();
            assertTrue(summary.endsWith("."), m.group(1) + ": '" + summary + "'");
            n++;
        }
        assertEquals(6, n, commands);
    }

    @Test
    void indexHelpKeepsTheCachePathWhole() {
        for (String command : INDEX_COMMANDS) {
            CliRun help = CliRun.run("trace", command, "--help");
            assertEquals(0, help.exitCode(), help.err());
            assertTrue(help.out().contains("~/.cache/xenwb/trace-index/"), command + ":\n" + help.out());
            assertFalse(help.out().contains("~/. "), command + ":\n" + help.out());
        }
    }
}
