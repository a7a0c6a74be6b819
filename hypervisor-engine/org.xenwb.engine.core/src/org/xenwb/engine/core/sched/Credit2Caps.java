package org.xenwb.engine.core.sched;

import java.util.ArrayList;
import java.util.List;

import org.xenwb.engine.core.model.Vcpu;

/**
 * Credit2's caps, as Xen 4.17's {@code credit2.c} enforces them: a capped domain gets a budget of
 * {@code cap% x 10 ms} every 10 ms ({@code replenish_domain_budget}); a vCPU takes a share of it before it runs
 * ({@code unit_grab_budget}: at most {@code max(total / vCPUs, 0.5 ms)}), its run time is charged to its share, and
 * what is left goes back when it is descheduled ({@code unit_return_budget}). A vCPU that finds no budget is parked
 * ({@code park_unit}) until a replenishment or a returned share unparks its domain ({@code unpark_parked_units}).
 *
 * <p>Parking changes only the vCPU's {@code _VPF_parked} flag, as in Xen: a vCPU parked while queued stays
 * RUNNABLE; one parked as it is descheduled goes OFFLINE (or, if it blocked, from BLOCKED to OFFLINE when woken);
 * once unparked it is queued again without a record and runs from OFFLINE.</p>
 */
final class Credit2Caps {

    /** {@code CSCHED2_BDGT_REPL_PERIOD}, ns. */
    static final long BDGT_REPL_PERIOD = 10_000_000L;

    private final Credit2Scheduler sched;
    private final SchedContext ctx;

    Credit2Caps(Credit2Scheduler sched, SchedContext ctx) {
        this.sched = sched;
        this.ctx = ctx;
    }

    /** @return whether the vCPU's domain is capped */
    static boolean hasCap(Credit2Unit u) {
        return u.dom.totBudget != 0;
    }

    /**
     * {@code csched2_alloc_domdata}'s timer and the cap in effect at creation.
     *
     * @param cd a new domain's state
     */
    void domainInserted(Credit2Dom cd) {
        cd.replTimer = ctx.newTimer(now -> replenish(cd, now));
        capChanged(cd);
    }

    /**
     * A vCPU joins its domain: a capped domain's vCPUs share its budget anew (the new one starts with none). In Xen
     * the cap of a new domain is set once all its vCPUs exist ({@code xl create} calls {@code csched2_dom_cntl}
     * after the vCPUs are inserted), so every vCPU's share is the total over all of them; the engine sets the cap
     * when the domain is inserted, so each insertion brings every vCPU's share to the new count.
     *
     * @param u the new vCPU, already counted in {@code nrUnits}
     */
    void unitInserted(Credit2Unit u) {
        Credit2Dom cd = u.dom;
        if (cd.totBudget != 0) {
            u.budget = 0;
            long q = quota(cd);
            for (Vcpu v : cd.d.vcpus()) {
                if (v.schedData instanceof Credit2Unit other && other.dom == cd) {
                    other.budgetQuota = q;
                }
            }
            u.budgetQuota = q;
        }
    }

    /**
     * {@code csched2_dom_cntl}'s cap part: no cap stops the replenishment and unparks everything; a cap sets the
     * total budget, fills it, starts the 10 ms period and resets the vCPUs' shares.
     *
     * @param cd the domain, whose {@code cap} field has the new cap (0 for none)
     */
    void capChanged(Credit2Dom cd) {
        if (cd.d.cap == 0) {
            cd.replTimer.stop();
            cd.totBudget = 0;
            unparkAll(cd);
            for (Vcpu v : cd.d.vcpus()) {
                if (v.schedData instanceof Credit2Unit u) {
                    u.budget = Long.MAX_VALUE;
                }
            }
            return;
        }
        cd.totBudget = BDGT_REPL_PERIOD * cd.d.cap / 100;
        cd.budget = cd.totBudget;
        cd.nextRepl = ctx.now() + BDGT_REPL_PERIOD;
        cd.replTimer.set(cd.nextRepl);
        for (Vcpu v : cd.d.vcpus()) {
            if (v.schedData instanceof Credit2Unit u) {
                u.budget = 0;
                u.budgetQuota = quota(cd);
            }
        }
    }

    /** @return a vCPU's share of its capped domain's budget: the total over the vCPUs, at least 0.5 ms */
    private static long quota(Credit2Dom cd) {
        return Math.max(cd.totBudget / Math.max(1, cd.nrUnits), Credit2Scheduler.MIN_TIMER);
    }

    /**
     * {@code unit_grab_budget}: a share of the domain's budget, or {@link #park} when there is none left.
     *
     * @param u a vCPU of a capped domain
     * @param cpu the pCPU running the code (scheduling), whose trace buffer gets the load records of a park
     * @return whether the vCPU has budget
     */
    boolean grabBudget(Credit2Unit u, int cpu) {
        if (u.budget > 0) {
            return true;
        }
        Credit2Dom cd = u.dom;
        cd.budget += u.budget;
        if (cd.budget > 0) {
            long b = Math.min(cd.budget, u.budgetQuota);
            u.budget = b;
            cd.budget -= b;
        } else {
            u.budget = 0;
            park(u, cpu);
        }
        return u.budget > 0;
    }

    /**
     * {@code park_unit}: flags the vCPU parked (its runstate stays as it is: a queued one remains RUNNABLE) and, when
     * it is queued, takes it off the run queue and out of the load; a running one is being descheduled by the caller.
     */
    private void park(Credit2Unit u, int cpu) {
        ctx.setParkedFlag(u.v, true);
        if (u.onRunq) {
            sched.subLoad(cpu, u, ctx.now());
            u.rqd.remove(u);
        }
        if (!u.dom.parked.contains(u)) {
            u.dom.parked.add(u);
        }
    }

    /**
     * {@code unit_return_budget}: a descheduled vCPU gives back what is left of its share; if the domain then has
     * budget, its parked vCPUs are unparked.
     *
     * @param u a vCPU of a capped domain
     */
    void returnBudget(Credit2Unit u) {
        Credit2Dom cd = u.dom;
        cd.budget += u.budget;
        u.budget = 0;
        if (cd.budget > 0) {
            unparkAll(cd);
        }
    }

    /**
     * {@code unpark_parked_units}: clears each parked vCPU's flag (no record, no runstate change) and puts it back on
     * its run queue, in the load, tickling, if it is runnable; one still being descheduled goes back when its
     * context is saved instead (Xen's {@code __CSFLAG_delayed_runq_add}).
     */
    private void unparkAll(Credit2Dom cd) {
        List<Credit2Unit> list = new ArrayList<>(cd.parked);
        cd.parked.clear();
        for (Credit2Unit u : list) {
            ctx.setParkedFlag(u.v, false);
            if (!u.v.isRunning && !u.scheduled && !u.onRunq && Credit2Scheduler.runnable(u)) {
                sched.enqueue(u, ctx.now());
            }
        }
    }

    /** {@code replenish_domain_budget}: every period missed adds a budget, capped at one; then unparks. */
    private void replenish(Credit2Dom cd, long now) {
        cd.nextRepl += BDGT_REPL_PERIOD;
        cd.budget += cd.totBudget;
        while (cd.nextRepl <= now) {
            cd.nextRepl += BDGT_REPL_PERIOD;
            cd.budget += cd.totBudget;
        }
        if (cd.budget > 0) {
            cd.budget = Math.min(cd.budget, cd.totBudget);
            unparkAll(cd);
        }
        cd.replTimer.set(cd.nextRepl);
    }
}
