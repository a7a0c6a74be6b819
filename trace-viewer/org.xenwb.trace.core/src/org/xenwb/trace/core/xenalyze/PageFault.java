package org.xenwb.trace.core.xenalyze;

import java.io.PrintWriter;

/**
 * The page fault of the current HVM exit as xenalyze sees it (its {@code struct pf_xen_extra}): what the
 * {@code PF_XEN} and shadow records said about it, its page-table indices and, when the address lies in a Windows-style
 * linear page-table window, the page-table level written and the address that entry maps.
 *
 * <p>Cleared at each vmexit; filled by {@link Shadow} record by record, so a later record of the same exit overwrites
 * what an earlier one left, as in xenalyze. Not thread-safe; one instance per vCPU.</p>
 */
final class PageFault {

    /** xenalyze's CORR_VA_INVALID: no corresponding address. */
    static final long CORR_VA_INVALID = -1L;
    /** The bits above the 48-bit guest address space. */
    private static final long SIGN_EXTENDED_BITS = ~((1L << 48) - 1);
    private static final long HIGH_BIT = 1L << 47;

    // Bits of the shadow code's path flags (Xen's TRCE_SFLAG_*), as xenalyze names them.
    static final int SET_AD = 0;
    static final int SET_A = 1;
    static final int SHADOW_L1_GET_REF = 2;
    static final int SHADOW_L1_PUT_REF = 3;
    static final int SET_CHANGED = 5;
    static final int SET_FLUSH = 6;
    static final int SET_ERROR = 7;
    static final int DEMOTE = 8;
    static final int PROMOTE = 9;
    static final int WRMAP = 10;
    static final int WRMAP_GUESS_FOUND = 11;
    static final int WRMAP_BRUTE_FORCE = 12;
    static final int EARLY_UNSHADOW = 13;
    static final int PREALLOC_UNHOOK = 17;
    static final int UNSYNC = 18;
    static final int OOS_FIXUP_ADD = 19;
    static final int OOS_FIXUP_EVICT = 20;

    /** The faulting guest virtual address. */
    long va;
    /** The shadow code's path flags. */
    int flags;
    int errorCode;
    /** xenalyze's pf_case: an index of {@link PagingReport#PF_XEN_NAME}, 0 when unknown. */
    int pfCase;
    long gl1e;
    long wval;
    long corrVa;
    final int[] ptIndex = new int[5];
    int ptLevel;
    long gfn;

    /** What a vmexit does to the in-flight information (xenalyze zeroes it). */
    void clear() {
        va = 0;
        flags = 0;
        errorCode = 0;
        pfCase = 0;
        gl1e = 0;
        wval = 0;
        corrVa = 0;
        java.util.Arrays.fill(ptIndex, 0);
        ptLevel = 0;
        gfn = 0;
    }

    boolean flag(int bit) {
        return (flags & (1 << bit)) != 0;
    }

    /**
     * xenalyze's pf_preprocess: splits {@link #va} into page-table indices for a guest with the given paging levels
     * (leaving the indices a shallower guest does not have as they were) and detects linear page-table accesses.
     *
     * @param levels the guest paging levels (2, 3 or 4; 0 does nothing; others are warned about)
     * @param warn xenalyze's warning stream
     */
    void preprocess(int levels, PrintWriter warn) {
        switch (levels) {
            case 4 -> {
                if (!validAddress64(va)) {
                    warn.print("Strange, va " + Long.toHexString(va)
                            + " not properly sign extended for 4-level pagetables\n");
                }
                ptIndex[4] = (int) ((va >>> 39) & 0x1ff);
                ptIndex[3] = (int) ((va >>> 30) & 0x1ff);
                ptIndex[2] = (int) ((va >>> 21) & 0x1ff);
                ptIndex[1] = (int) ((va >>> 12) & 0x1ff);
                ptIndex[0] = (int) ((va >>> 3) & 0x1ff);
            }
            case 3 -> {
                ptIndex[3] = (int) ((va >>> 30) & 0x3);
                ptIndex[2] = (int) ((va >>> 21) & 0x1ff);
                ptIndex[1] = (int) ((va >>> 12) & 0x1ff);
                ptIndex[0] = (int) ((va >>> 3) & 0x1ff);
            }
            case 2 -> {
                ptIndex[2] = (int) ((va >>> 22) & 0x3ff);
                ptIndex[1] = (int) ((va >>> 12) & 0x3ff);
                ptIndex[0] = (int) ((va >>> 2) & 0x3ff);
            }
            case 0 -> {
                // nothing to split
            }
            default -> warn.print("Don't know how to handle " + levels + "-level pagetables\n");
        }
        corrVa = CORR_VA_INVALID;
        ptLevel = 0;
        switch (levels) {
            case 2 -> linear2();
            case 3 -> linear3();
            case 4 -> linear4();
            default -> {
                // no linear page table known
            }
        }
    }

    /** Windows' 2-level self map at slot 768. xenalyze shifts the 32-bit indices in 32 bits. */
    private void linear2() {
        if (ptIndex[2] != 768) {
            return;
        }
        if (ptIndex[1] == 768) {
            ptLevel = 2;
            corrVa = ((1L << 22) - 1) | u32(ptIndex[0] << 22);
        } else {
            ptLevel = 1;
            corrVa = ((1L << 12) - 1) | u32(ptIndex[1] << 22 | ptIndex[0] << 12);
        }
    }

    private void linear3() {
        if (ptIndex[3] != 3 || ptIndex[2] >>> 2 != 0) {
            return;
        }
        if (ptIndex[2] == 3 && ptIndex[1] >>> 2 == 0) {
            if (ptIndex[1] == 3 && ptIndex[0] >>> 2 == 0) {
                ptLevel = 3;
                corrVa = ((1L << 30) - 1) | u32(ptIndex[0] << 30);
            } else {
                ptLevel = 2;
                corrVa = ((1L << 21) - 1) | u32(ptIndex[1] << 30 | ptIndex[2] << 21);
            }
        } else {
            ptLevel = 1;
            corrVa = ((1L << 12) - 1) | u32(ptIndex[0] << 12 | ptIndex[1] << 21 | ptIndex[2] << 30);
        }
    }

    private void linear4() {
        if (ptIndex[4] != 0x1ed) {
            return;
        }
        long[] pt = {u32(ptIndex[0]), u32(ptIndex[1]), u32(ptIndex[2]), u32(ptIndex[3])};
        if (ptIndex[3] == 0x1ed) {
            if (ptIndex[2] == 0x1ed) {
                if (ptIndex[1] == 0x1ed) {
                    ptLevel = 4;
                    corrVa = ((1L << 39) - 1) | pt[0] << 39;
                } else {
                    ptLevel = 3;
                    corrVa = ((1L << 30) - 1) | pt[0] << 30 | pt[1] << 39;
                }
            } else {
                ptLevel = 2;
                corrVa = ((1L << 21) - 1) | pt[0] << 21 | pt[1] << 30 | pt[2] << 39;
            }
        } else {
            ptLevel = 1;
            corrVa = ((1L << 12) - 1) | pt[0] << 12 | pt[1] << 21 | pt[2] << 30 | pt[3] << 39;
        }
        if ((corrVa & HIGH_BIT) != 0) {
            corrVa |= SIGN_EXTENDED_BITS;
        }
    }

    /** xenalyze's flag_string: one column per flag it shows, '-' when clear. */
    String flagString() {
        StringBuilder sb = new StringBuilder(12);
        sb.append(flag(SET_AD) ? 'd' : flag(SET_A) ? 'a' : '-');
        int[] bits = {SHADOW_L1_GET_REF, SHADOW_L1_PUT_REF, DEMOTE, PROMOTE, WRMAP, WRMAP_GUESS_FOUND, EARLY_UNSHADOW,
            PREALLOC_UNHOOK, UNSYNC, OOS_FIXUP_ADD, OOS_FIXUP_EVICT};
        String chars = "gpDPwGeHuax";
        for (int i = 0; i < bits.length; i++) {
            sb.append(flag(bits[i]) ? chars.charAt(i) : '-');
        }
        return sb.toString();
    }

    /** xenalyze's is_kernel: whether an address is in the guest kernel's half for its paging levels. */
    static boolean isKernel(int levels, long va) {
        return switch (levels) {
            case 2, 3 -> (va & 0x80000000L) != 0;
            case 4 -> (va & HIGH_BIT) != 0;
            default -> false;
        };
    }

    /** xenalyze's is_valid_addr64. */
    static boolean validAddress64(long va) {
        long upper = va & SIGN_EXTENDED_BITS;
        return (va & HIGH_BIT) != 0 ? upper == SIGN_EXTENDED_BITS : upper == 0;
    }

    private static long u32(int v) {
        return v & 0xffffffffL;
    }
}
