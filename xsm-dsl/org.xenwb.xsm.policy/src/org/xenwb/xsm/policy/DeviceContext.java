package org.xenwb.xsm.policy;

/**
 * A Xen device object context: {@code pirqcon}, {@code ioportcon}, {@code iomemcon}, {@code pcidevicecon} or
 * {@code devicetreecon}.
 *
 * @param kind which statement
 * @param low the IRQ number, the first I/O port, the first page frame of I/O memory, or the PCI SBDF; 0 for device
 *        trees
 * @param high the last I/O port or page frame (equal to {@code low} for single values and other kinds)
 * @param path the device-tree path for {@link Kind#DEVICETREE}, else {@code null}
 * @param context the label
 */
public record DeviceContext(Kind kind, long low, long high, String path, SecurityContext context) {

    /** The Xen object-context tables, in the order of the binary format. */
    public enum Kind {
        /** {@code pirqcon IRQ CONTEXT}. */
        PIRQ("pirqcon"),
        /** {@code ioportcon LOW[-HIGH] CONTEXT}. */
        IOPORT("ioportcon"),
        /** {@code iomemcon LOW[-HIGH] CONTEXT} (page frame numbers). */
        IOMEM("iomemcon"),
        /** {@code pcidevicecon SBDF CONTEXT}. */
        PCIDEVICE("pcidevicecon"),
        /** {@code devicetreecon PATH CONTEXT} (policy version 30 and later). */
        DEVICETREE("devicetreecon");

        private final String keyword;

        Kind(String keyword) {
            this.keyword = keyword;
        }

        /**
         * The policy.conf keyword.
         *
         * @return e.g. {@code pirqcon}
         */
        public String keyword() {
            return keyword;
        }
    }
}
