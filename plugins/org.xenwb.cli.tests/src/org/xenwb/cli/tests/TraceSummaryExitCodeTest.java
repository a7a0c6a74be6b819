package org.xenwb.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exit code of {@code trace summary} and {@code trace dump --format xenalyze} is xenalyze's on damaged copies of
 * a real capture: 0 for a capture cut short inside its last window (a killed xentrace), with a warning on standard
 * error, and 1 for bytes overwritten in the middle. Each case runs the real {@code /usr/bin/xenalyze} (else skipped).
 * The index commands keep 1 for any problem, as documented for them.
 */
class TraceSummaryExitCodeTest {

    private static final String HZ = "--cpu-hz=2596127000";

    @TempDir
    Path dir;

    private record Run(int code, String out) {
    }

    private static Run xenalyze(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("/usr/bin/xenalyze"));
        command.addAll(args);
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        return new Run(p.waitFor(), new String(out, StandardCharsets.ISO_8859_1));
    }

    /** The first {@code bytes} bytes of the credit2 capture. */
    private Path cut(long bytes) throws IOException {
        Path source = TraceSummaryAutoVendorTest.trace("credit2boot-credit2-all");
        Path copy = dir.resolve("cut" + bytes + ".bin");
        try (InputStream in = Files.newInputStream(source); OutputStream out = Files.newOutputStream(copy)) {
            out.write(in.readNBytes((int) bytes));
        }
        return copy;
    }

    @Test
    void aCaptureCutShortExitsZeroLikeXenalyze() throws Exception {
        // inside a window's records, and inside a CPU-change record
        for (long bytes : new long[] {777_777, 758_850}) {
            Path t = cut(bytes);
            Run want = xenalyze(List.of(HZ, "--summary", t.toString()));
            CliRun got = CliRun.run("trace", "summary", HZ, t.toString());
            assertEquals(want.code(), got.exitCode(), got.err());
            assertEquals(0, got.exitCode(), got.err());
            assertEquals(want.out(), got.out(), "stdout of " + bytes + " bytes");
            assertTrue(got.err().contains("byte offset 758844: ") && got.err().contains("end of the file")
                    || got.err().contains("(truncated file)"), got.err());
            CliRun dump = CliRun.run("trace", "dump", "--format", "xenalyze", HZ, t.toString());
            assertEquals(0, dump.exitCode(), dump.err());
        }
    }

    /** The index commands keep exit code 1 for a cut capture, and say it is cut short, also on a reused index. */
    @Test
    void indexSaysACaptureIsCutShort() throws Exception {
        Path t = cut(777_777);
        for (int pass = 0; pass < 2; pass++) {
            CliRun index = CliRun.run("trace", "index", "--quiet", t.toString());
            assertEquals(1, index.exitCode(), index.err());
            assertTrue(index.err().contains("exit code 1: the trace is cut short (see above)"), index.err());
        }
    }

    @Test
    void overwrittenBytesStillExitOneLikeXenalyze() throws Exception {
        Path t = dir.resolve("z.bin");
        Files.copy(TraceSummaryAutoVendorTest.trace("credit2boot-credit2-all"), t);
        try (RandomAccessFile f = new RandomAccessFile(t.toFile(), "rw")) {
            f.seek(100_000);
            f.write(new byte[64]);
        }
        Run want = xenalyze(List.of(HZ, "--summary", t.toString()));
        CliRun got = CliRun.run("trace", "summary", HZ, t.toString());
        assertEquals(1, want.code());
        assertEquals(1, got.exitCode(), got.err());
        assertEquals(want.out(), got.out());
    }
}
