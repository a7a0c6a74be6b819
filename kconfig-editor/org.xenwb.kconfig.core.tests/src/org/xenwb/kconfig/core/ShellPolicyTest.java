package org.xenwb.kconfig.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code $(shell,...)} runs only when the caller's policy allows it; skipped calls are recorded with file:line. */
class ShellPolicyTest {

    private static final String TREE = "marker := $(shell,touch ran-$(X) && echo out)\n"
            + "config A\n\tstring\n\tdefault \"$(marker)\"\n";

    @Test
    void deniedCallsDoNotRunAndAreReported(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("Kconfig"), TREE);
        List<String[]> asked = new ArrayList<>();
        ShellPolicy deny = (command, file, line) -> {
            asked.add(new String[] {command, file, Integer.toString(line)});
            return false;
        };
        Kconfig kc = Kconfig.load("Kconfig", new Kconfig.Options(tmp, Map.of("X", "1"), deny, s -> { }, s -> { }));
        assertFalse(Files.exists(tmp.resolve("ran-1")), "a denied command must not run");
        assertEquals(1, asked.size());
        assertEquals("touch ran-1 && echo out", asked.get(0)[0]);
        assertEquals("Kconfig", asked.get(0)[1]);
        // like the C tools, an assignment is expanded once its line has been read: the lexer is on the next line
        assertEquals("2", asked.get(0)[2]);
        ShellPolicy.Call call = kc.shellCalls().get(0);
        assertFalse(call.executed());
        assertEquals("n", call.output());
        assertEquals("n", kc.value(kc.symbol("A")));
    }

    @Test
    void allowedCallsRunWithTheTreeEnvironment(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("Kconfig"), TREE);
        Kconfig kc = Kconfig.load("Kconfig", new Kconfig.Options(tmp, Map.of("X", "2", "PATH", System.getenv("PATH")),
                ShellPolicy.ALLOW_ALL, s -> { }, s -> { }));
        assertTrue(Files.exists(tmp.resolve("ran-2")));
        assertTrue(kc.shellCalls().get(0).executed());
        assertEquals("out", kc.value(kc.symbol("A")));
        assertEquals(Map.of("X", "2"), kc.usedEnvironment());
    }
}
