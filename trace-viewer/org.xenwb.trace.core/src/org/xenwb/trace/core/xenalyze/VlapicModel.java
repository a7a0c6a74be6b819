package org.xenwb.trace.core.xenalyze;

import java.io.PrintWriter;

import org.xenwb.trace.core.xenalyze.Model.Vcpu;

/**
 * xenalyze's virtual-LAPIC tracking: MMIO accesses to the LAPIC page (ICR writes send IPIs, ICR reads poll the
 * delivery status, EOI writes), IPI bookkeeping in each target's {@link Vlapic}, injections, and the IPI latency
 * that a vmentry closes.
 *
 * <p>Everything this prints goes to --dump-all (or to the warning stream); xenalyze's summary has IPI latency and
 * IPI count lines, but xenalyze 4.17 never updates them (the update is compiled out), so they never print and
 * {@link HvmReport} has nothing to show. Contract: {@link #setClock} is called before each HVM record with the
 * analysis' current time. One instance per analysis, owned by {@link Hvm}; not thread-safe.</p>
 */
final class VlapicModel {

    private static final long ICR = 0xfee00300L;
    private static final long EOI = 0xfee000b0L;
    private static final String[] SHORTHAND = {"dest_field", "self", "all-inc", "all-exc"};
    private static final String INDENT = "              ";

    private final Hvm hvm;
    private final PrintWriter warn;
    private final PrintWriter stderr;
    /** xenalyze's opt.cpu_qhz: the TSC frequency in units of 2^-10 GHz (cycles_to_time's divisor). */
    private final long cpuQhz;
    /** xenalyze's P.now: the order TSC of the latest record that had one. */
    private long now;
    /** xenalyze's P.f.first_tsc. */
    private long firstTsc;

    /**
     * @param hvm the owner, whose {@link Hvm#dump} is the --dump-all output (null in summary mode)
     * @param warn xenalyze's warning stream
     * @param stderr xenalyze's standard error
     * @param cpuHz the TSC frequency in Hz
     */
    VlapicModel(Hvm hvm, PrintWriter warn, PrintWriter stderr, long cpuHz) {
        this.hvm = hvm;
        this.warn = warn;
        this.stderr = stderr;
        this.cpuQhz = (cpuHz << 10) / 1_000_000_000L;
    }

    /**
     * @param nowTsc the latest order TSC (xenalyze's P.now)
     * @param first the first TSC of the trace (xenalyze's P.f.first_tsc)
     */
    void setClock(long nowTsc, long first) {
        this.now = nowTsc;
        this.firstTsc = first;
    }

    private boolean dumping() {
        return hvm.dump != null;
    }

    private void out(String text) {
        if (hvm.dump != null) {
            hvm.dump.print(text);
        }
    }

    private static String dv(Vcpu v) {
        return "d" + v.d.did + "v" + v.vid;
    }

    /**
     * xenalyze's hvm_vlapic_handler, for an MMIO access in the LAPIC page ({@code (gpa & 0xfffff000) ==
     * 0xfee00000}): only the ICR and EOI registers are looked at.
     *
     * @param h the accessing vCPU
     * @param gpa the full guest physical address
     * @param write whether it was a write (xenalyze's one-bit is_write)
     * @param data the data word, as xenalyze reads it (the bytes after the record when it had none)
     */
    void mmio(Hvm.Data h, long gpa, boolean write, int data) {
        if (gpa == ICR) {
            icr(h.v, write, data);
        } else if (gpa == EOI) {
            out(INDENT + "[vla] " + dv(h.v) + " eoi\n");
        }
    }

    /** hvm_vlapic_icr_handler. */
    private void icr(Vcpu v, boolean write, int data) {
        if (!write) {
            out(INDENT + "[vla] " + dv(v) + " icr status " + ((data & 0x1000) != 0 ? "pending" : "idle") + "\n");
            return;
        }
        int vector = data & 0xff;
        int shorthand = (data >>> 18) & 3;
        out(INDENT + "[vla] " + dv(v) + " icr vec " + vector + " " + SHORTHAND[shorthand] + "\n");
        if (shorthand == 3) { // all excluding self; other destinations are not followed
            for (Vcpu other : v.d.vcpu) {
                if (other != null && other != v) {
                    send(other, vector);
                }
            }
        }
    }

    /** ipi_send. */
    private void send(Vcpu target, int vector) {
        if (target.state == Model.RUNSTATE_LOST) {
            if (dumping()) {
                warn.print("ipi_send: v" + target.vid + " in state RUNSTATE_LOST, not counting ipi\n");
            }
            return;
        }
        Vlapic vla = target.vlapic;
        int slot = vla.find(vector);
        if (slot < 0) {
            warn.print("ipi_send: Couldn't find an open slot!\n");
            return;
        }
        if (vla.firstTsc[slot] == 0) {
            vla.firstTsc[slot] = now;
        }
        if (vla.count[slot] == 0 && vla.injected[slot]) {
            out(" [vla] Pre-injection\n");
        }
        vla.count[slot]++;
        out(" [vla] " + dv(target) + " vec " + vla.vec[slot] + " state " + Model.RUNSTATE_NAME[target.state]
                + " (outstanding ipis " + vla.count[slot] + ")\n");
    }

    /**
     * hvm_vlapic_inject, for an injected virtual interrupt.
     *
     * @param v the vCPU
     * @param vector the injected vector
     */
    void inject(Vcpu v, int vector) {
        int slot = v.vlapic.find(vector);
        if (slot < 0) {
            stderr.print("hvm_vlapic_inject: Couldn't find an open ipi slot!\n");
            return;
        }
        out("  [vla] " + dv(v) + " vec " + vector + " injecting\n");
        v.vlapic.injected[slot] = true;
    }

    /**
     * hvm_vlapic_vmentry_cleanup: a vmentry delivers the injected vectors; those that collected several IPIs print
     * their latency (from the first IPI to this vmentry).
     *
     * @param v the vCPU
     * @param tsc the vmentry's TSC
     */
    void vmentry(Vcpu v, long tsc) {
        Vlapic vla = v.vlapic;
        for (int i = 0; i < Vlapic.SLOTS; i++) {
            if (!(vla.valid[i] && vla.injected[i])) {
                continue;
            }
            long latency = 0;
            if (Long.compareUnsigned(tsc, vla.firstTsc[i]) >= 0) {
                latency = tsc - vla.firstTsc[i];
            } else {
                warn.print("Strange, vec " + vla.vec[i] + " first_tsc " + vla.firstTsc[i] + " > ri->tsc " + tsc
                        + "!\n");
            }
            if (dumping() && vla.count[i] > 1) {
                // cycles_to_time measures from the trace's first TSC even for an interval, as xenalyze does
                long time = Long.divideUnsigned((latency - firstTsc) << 10, cpuQhz);
                long s = Long.divideUnsigned(time, 1_000_000_000L) & 0xffffffffL;
                long ns = (time - s * 1_000_000_000L) & 0xffffffffL;
                out(" [vla] " + dv(v) + " vec " + vla.vec[i] + " ipis " + vla.count[i] + ", latency " + latency + " ("
                        + s + "." + String.format("%09d", ns) + " s)\n");
            }
            vla.release(i);
        }
    }
}
