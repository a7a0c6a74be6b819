package org.xenwb.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xenwb.trace.core.format.TraceRecord;
import org.xenwb.trace.core.format.TraceWriter;

/** {@code xenwb trace dump}: the canonical dump decodes with the layout of the Xen version asked for. */
class TraceDumpCommandTest {

    private static final int SVM_EXIT_420 = 0x00081003;
    private static final int RUNNING_TO_BLOCKED = 0x00021021;

    @TempDir
    Path dir;

    /** A trace in xentrace's format: a run-state change and a Xen 4.20 SVM exit on pCPU 0. */
    private Path trace() throws IOException {
        Path file = dir.resolve("trace.bin");
        try (OutputStream out = Files.newOutputStream(file); TraceWriter w = new TraceWriter(out)) {
            w.write(TraceRecord.withTsc(RUNNING_TO_BLOCKED, 0, 1000, 0x00010002));
            w.write(TraceRecord.withTsc(SVM_EXIT_420, 0, 2000, 0x60, 0x8107ee03));
        }
        return file;
    }

    @Test
    void xen420LayoutDecodesSvmExits() throws IOException {
        CliRun r = CliRun.run("trace", "dump", "--xen", "4.20", trace().toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("1000 p0 runstate_change old=running new=blocked vcpu=d1v2\n"
                + "2000 p0 hvm:vmexit exit_reason=VMEXIT_INTR rip=0x8107ee03\n", r.out());
    }

    @Test
    void xen417LayoutShowsTheUnknownEventRaw() throws IOException {
        CliRun r = CliRun.run("trace", "dump", trace().toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("2000 p0 unknown:0x00081003 w0=0x60 w1=0x8107ee03\n"), r.out());
    }

    @Test
    void unsupportedVersionIsAUsageError() throws IOException {
        CliRun r = CliRun.run("trace", "dump", "--xen", "4.2", trace().toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("unsupported Xen version '4.2'"), r.err());
        assertTrue(r.err().contains("4.17"), r.err());
    }
}
