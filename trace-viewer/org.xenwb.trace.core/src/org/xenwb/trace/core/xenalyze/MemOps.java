package org.xenwb.trace.core.xenalyze;

/** xenalyze's memory-operation names (its {@code mem_name} table), indexed by the MEM event's minor number. */
final class MemOps {

    private MemOps() {
    }

    static final int MEM_MAX = 19;
    static final String[] MEM_NAME = new String[MEM_MAX];

    static {
        MEM_NAME[1] = "grant-map";
        MEM_NAME[2] = "grant-unmap";
        MEM_NAME[3] = "grant-transfer";
        MEM_NAME[4] = "set-p2m";
        MEM_NAME[5] = "decrease-reservation";
        MEM_NAME[16] = "pod-populate";
        MEM_NAME[17] = "pod-zero-reclaim";
        MEM_NAME[18] = "pod-superpage-splinter";
    }

    /** @return whether xenalyze handles the minor in a dedicated function (so it is not counted as a memop) */
    static boolean isHandled(int minor) {
        return (minor >= 1 && minor <= 5) || (minor >= 16 && minor <= 18);
    }
}
