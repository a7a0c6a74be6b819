package org.xenwb.trace.core.xenalyze;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xenwb.trace.core.SharedData;
import org.xenwb.trace.core.Xenalyze;
import org.xenwb.trace.core.read.TraceReader;

/**
 * The vendor detection against xenalyze itself on every real capture: plain {@code xenalyze --summary} (VMX mode)
 * prints a complete report exactly on the traces detected as VMX or without HVM exits, and stops on an exit reason
 * above its VMX table on the traces detected as SVM; on those, {@code --svm-mode} completes.
 */
class VendorDetectTest {

    static List<String> traces() {
        return SharedData.traceNames();
    }

    @ParameterizedTest
    @MethodSource("traces")
    void detectionAgreesWithWhichModeXenalyzeCanRead(String name) throws Exception {
        Xenalyze.assumeInstalled();
        Path trace = SharedData.trace(name);
        VendorDetect.Vendor vendor;
        try (TraceReader r = TraceReader.open(trace)) {
            vendor = VendorDetect.detect(r);
        }
        String vmx = Xenalyze.run(List.of("--summary", trace.toString()));
        boolean vmxCompletes = vmx.contains("|-- Domain ");
        assertEquals(vendor != VendorDetect.Vendor.SVM, vmxCompletes, name + ": detected " + vendor);
        if (vendor == VendorDetect.Vendor.SVM) {
            String svm = Xenalyze.run(List.of("--svm-mode", "--summary", trace.toString()));
            assertEquals(true, svm.contains("|-- Domain "), name + ": xenalyze --svm-mode");
        }
        assertEquals(name.equals("credit2boot-pvh-run-all"), vendor == VendorDetect.Vendor.SVM,
                name + ": traces/INDEX.md marks only the PVH capture as needing --svm-mode; detected " + vendor);
    }
}
