package org.xenwb.xsm.policy.text;

import java.util.Comparator;

import org.xenwb.xsm.policy.DeviceContext;
import org.xenwb.xsm.policy.PolicyIndex;

/** Text and listing order of Xen device contexts, as checkpolicy writes them. Stateless. */
final class DeviceText {

    /** checkpolicy's order: by number, by range size then start, or by path. */
    static final Comparator<DeviceContext> ORDER = Comparator
            .<DeviceContext>comparingLong(d -> d.high() - d.low())
            .thenComparingLong(DeviceContext::low)
            .thenComparing(d -> d.path() == null ? "" : d.path());

    private DeviceText() {
    }

    static String statement(PolicyIndex ix, DeviceContext d) {
        String ctx = MlsText.context(ix, d.context());
        String what = switch (d.kind()) {
            case PIRQ -> Integer.toString((int) d.low());
            case IOPORT, IOMEM -> d.low() == d.high() ? "0x" + Long.toHexString(d.low())
                    : "0x" + Long.toHexString(d.low()) + "-0x" + Long.toHexString(d.high());
            case PCIDEVICE -> "0x" + Long.toHexString(d.low());
            case DEVICETREE -> "\"" + d.path() + "\"";
        };
        return d.kind().keyword() + " " + what + " " + ctx;
    }
}
