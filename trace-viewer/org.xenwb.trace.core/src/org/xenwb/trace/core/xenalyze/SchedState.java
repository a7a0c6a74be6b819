package org.xenwb.trace.core.xenalyze;

import static org.xenwb.trace.core.xenalyze.Model.*;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

import org.xenwb.trace.core.format.TraceEvents;
import org.xenwb.trace.core.xenalyze.Model.Domain;
import org.xenwb.trace.core.xenalyze.Model.Pcpu;
import org.xenwb.trace.core.xenalyze.Model.Vcpu;

/**
 * xenalyze's scheduling model: which vCPU runs on each pCPU, the runstate of every vCPU and domain, and the cycle
 * summaries kept for them. Methods are ports of xenalyze's functions of the same names (runstate_update,
 * vcpu_prev_update, vcpu_next_update, vcpu_start, sched_runstate_process, lose_vcpu...).
 *
 * <p>Where xenalyze stops with an error (its {@code error()} above the default tolerance), this class throws
 * {@link XenalyzeAbort}. Diagnostics xenalyze writes to its warning stream go to {@code warn}. Not thread-safe.</p>
 */
final class SchedState {

    final List<Pcpu> pcpus = new ArrayList<>();
    /** Domains in increasing id order, like xenalyze's domain_list. */
    final List<Domain> domains = new ArrayList<>();
    final Domain defaultDomain;
    private final Sampling sampling;
    /** --default-guest-paging-levels: the levels a vCPU gets when it is first activated. */
    private final int defaultPagingLevels;
    /** xenalyze's error() with the run's tolerance. */
    private final ErrorLevels errors;
    /** What xenalyze prints on standard error rather than its warning stream (lost in --dump-all mode). */
    private final PrintWriter stderr;
    int lostCpus;
    int maxActivePcpu = -1;
    private final PrintWriter warn;
    /** The HVM model, consulted on runstate changes and lost vCPUs. */
    Hvm hvm;
    /** Whether xenalyze runs with --dump-all (extra diagnostics, pCPU string drawing). */
    final boolean dumpAll;
    /** The dump output (xenalyze's stdout), used by the few dump lines printed from state changes. */
    private final PrintWriter dump;
    private final char[] pcpuChars = new char[MAX_CPUS + 1];
    private int drawnMax = -1;
    private int lastDrawn = -1;

    SchedState(PrintWriter warn, PrintWriter dump, boolean dumpAll, Sampling sampling, ErrorLevels errors,
            PrintWriter stderr, int defaultPagingLevels) {
        this.defaultPagingLevels = defaultPagingLevels;
        this.sampling = sampling;
        this.errors = errors;
        this.stderr = stderr;
        this.defaultDomain = new Domain(DEFAULT_DOMAIN, sampling);
        this.warn = warn;
        this.dump = dump;
        this.dumpAll = dumpAll;
    }

    /** xenalyze's pcpu_string_draw. */
    void draw(Pcpu p) {
        char c;
        if (p.lostActive) {
            c = 'l';
        } else if (p.current == null) {
            c = ' ';
        } else if (p.current.d.did == DEFAULT_DOMAIN) {
            c = '.';
        } else if (p.current.d.did == IDLE_DOMAIN) {
            c = '-';
        } else {
            c = '|';
        }
        pcpuChars[p.pid] = c;
    }

    /** xenalyze's pcpu_string: one character per pCPU, 'x' for the given one. */
    String pcpuString(int pcpu) {
        if (lastDrawn >= 0) {
            draw(pcpu(lastDrawn));
        }
        if (maxActivePcpu > drawnMax) {
            for (int i = drawnMax + 1; i <= maxActivePcpu; i++) {
                draw(pcpu(i));
            }
            drawnMax = maxActivePcpu;
        }
        pcpuChars[pcpu] = 'x';
        lastDrawn = pcpu;
        int end = 0;
        while (end < pcpuChars.length && pcpuChars[end] != 0) {
            end++;
        }
        return new String(pcpuChars, 0, end);
    }

    Pcpu pcpu(int id) {
        while (pcpus.size() <= id) {
            pcpus.add(new Pcpu(pcpus.size(), sampling));
        }
        return pcpus.get(id);
    }

    // ---- domains and vCPUs -------------------------------------------------------------------------------------

    Domain domainFind(int did) {
        int i = 0;
        while (i < domains.size() && domains.get(i).did < did) {
            i++;
        }
        if (i < domains.size() && domains.get(i).did == did) {
            return domains.get(i);
        }
        warn.print("Creating domain " + did + "\n");
        Domain d = new Domain(did, sampling);
        domains.add(i, d);
        return d;
    }

    Vcpu vcpuCreate(Domain d, int vid) {
        warn.print("Creating vcpu " + vid + " for dom " + d.did + "\n");
        Vcpu v = new Vcpu(d, vid);
        d.vcpu[vid] = v;
        if (vid > d.maxVid) {
            d.maxVid = vid;
        }
        return v;
    }

    Vcpu vcpuFind(int did, int vid) {
        Domain d = domainFind(did);
        Vcpu v = d.vcpu[vid];
        return v != null ? v : vcpuCreate(d, vid);
    }

    // ---- pCPU activation -----------------------------------------------------------------------------------------

    void activatePcpu(int id) {
        Pcpu p = pcpu(id);
        p.active = true;
        if (id > maxActivePcpu) {
            maxActivePcpu = id;
        }
        Vcpu v = defaultDomain.vcpu[id];
        if (v == null) {
            v = vcpuCreate(defaultDomain, id);
        }
        v.activated = true;
        v.guestPagingLevels = defaultPagingLevels;
        v.p = p;
        setState(v, RUNSTATE_RUNNING);
        p.current = v;
        draw(p);
    }

    void deactivatePcpu(int id) {
        Pcpu p = pcpu(id);
        if (p.current != null) {
            pcpuRunstateUpdate(p, p.lastTsc);
            warn.print("deactivate_pcpu: setting d" + p.current.d.did + "v" + p.current.vid + " to state LOST\n");
            loseVcpu(p.current, p.lastTsc);
        }
        p.active = false;
        if (p.pid == maxActivePcpu) {
            int max = -1;
            for (int i = 0; i <= maxActivePcpu; i++) {
                if (pcpu(i).active) {
                    max = i;
                }
            }
            maxActivePcpu = max;
            warn.print("deactivate_pcpu: Setting max_active_pcpu to " + max + "\n");
        }
    }

    // ---- runstates -------------------------------------------------------------------------------------------

    int domainRunstate(Domain d) {
        if (d.did == DEFAULT_DOMAIN) {
            return 0;
        }
        int[] runstates = d.stateCount;
        int maxVcpus = 0;
        for (int c : runstates) {
            maxVcpus += c;
        }
        if (runstates[RUNSTATE_LOST] == maxVcpus) {
            return DOMAIN_RUNSTATE_LOST;
        } else if (runstates[RUNSTATE_RUNNING] != 0) {
            if (runstates[RUNSTATE_RUNNABLE] != 0) {
                return DOMAIN_RUNSTATE_CONCURRENCY_HAZARD;
            } else if (runstates[RUNSTATE_BLOCKED] != 0 || runstates[RUNSTATE_OFFLINE] != 0) {
                return DOMAIN_RUNSTATE_PARTIAL_RUN;
            }
            return DOMAIN_RUNSTATE_FULL_RUN;
        } else if (runstates[RUNSTATE_RUNNABLE] != 0) {
            if (runstates[RUNSTATE_BLOCKED] != 0 || runstates[RUNSTATE_OFFLINE] != 0) {
                return DOMAIN_RUNSTATE_PARTIAL_CONTENTION;
            }
            return DOMAIN_RUNSTATE_FULL_CONTENTION;
        } else if (runstates[RUNSTATE_BLOCKED] != 0 || runstates[RUNSTATE_OFFLINE] != 0) {
            return DOMAIN_RUNSTATE_BLOCKED;
        }
        warn.print("Strange, no meaningful runstates for d" + d.did + "!\n");
        throw new XenalyzeAbort("no meaningful runstates for d" + d.did);
    }

    private static void setState(Vcpu v, int state) {
        if (v.state != RUNSTATE_INIT) {
            v.d.stateCount[v.state]--;
        }
        if (state != RUNSTATE_INIT) {
            v.d.stateCount[state]++;
        }
        v.state = state;
    }

    void runstateUpdate(Vcpu v, int newRunstate, long tsc) {
        Domain d = v.d;
        if (v.runstateTsc != 0 && Long.compareUnsigned(v.runstateTsc, tsc) < 0) {
            long c = tsc - v.runstateTsc;
            v.runstates[v.state].update(c);
            if (v.state == RUNSTATE_RUNNING) {
                d.totalTime.update(c);
            }
            if (v.state == RUNSTATE_RUNNABLE) {
                v.runnableStates[v.runnableState].update(c);
            }
        }
        if (newRunstate == RUNSTATE_RUNNABLE) {
            v.runnableState = switch (v.state) {
                case RUNSTATE_RUNNING -> RUNNABLE_STATE_PREEMPT;
                case RUNSTATE_BLOCKED, RUNSTATE_OFFLINE -> RUNNABLE_STATE_WAKE;
                default -> RUNNABLE_STATE_OTHER;
            };
        } else {
            v.runnableState = RUNNABLE_STATE_INVALID;
        }
        setState(v, newRunstate);
        v.runstateTsc = tsc;
        if (d.runstateTsc != 0 && Long.compareUnsigned(d.runstateTsc, tsc) < 0) {
            d.runstates[d.runstate].update(tsc - d.runstateTsc);
        }
        d.runstate = domainRunstate(d);
        d.runstateTsc = tsc;
    }

    void pcpuRunstateUpdate(Pcpu p, long tsc) {
        if (p.timeTsc != 0) {
            if (p.current.d.did == IDLE_DOMAIN) {
                p.timeIdle.update(tsc - p.timeTsc);
            } else {
                p.timeRunning.update(tsc - p.timeTsc);
            }
            p.timeTsc = 0;
        }
    }

    void vcpuPrevUpdate(Pcpu p, Vcpu prev, long tsc, int newRunstate) {
        if (prev.p != p) {
            warn.print("Strange, sched_switch on pcpu " + p.pid + ", prev->pcpu " + (prev.p == null ? -1 : prev.p.pid)
                    + "!\n");
            prev.runstateTsc = 0;
        } else if (p.current == null) {
            warn.print("vcpu_prev_update: FATAL: p->current NULL!\n");
            throw new XenalyzeAbort("p->current NULL in vcpu_prev_update");
        } else if (p.current != prev) {
            warn.print("Strange, sched_switch prev d" + prev.d.did + "v" + prev.vid + ", pcpu " + p.pid
                    + " current d" + p.current.d.did + "v" + p.current.vid + "!\n");
            prev.runstateTsc = 0;
        } else if (prev.state != RUNSTATE_RUNNING) {
            warn.print("Strange, prev d" + prev.d.did + "v" + prev.vid + " not running!\n");
            prev.runstateTsc = 0;
        }
        pcpuRunstateUpdate(p, tsc);
        p.current = null;
        draw(p);
        runstateUpdate(prev, newRunstate, tsc);
    }

    void vcpuNextUpdate(Pcpu p, Vcpu next, long tsc) {
        if (p.current != null) {
            if (!p.seenValidSchedule) {
                warn.print("vcpu_next_update: p->current non-NULL, but seen_valid_schedule 0.  Ignoring.\n");
                runstateUpdate(p.current, RUNSTATE_LOST, tsc);
                p.current = null;
            } else {
                warn.print("vcpu_next_update: FATAL: p->current not NULL! (d" + p.current.d.did + "v"
                        + p.current.vid + ", runstate " + RUNSTATE_NAME[p.current.state] + ")\n");
                throw new XenalyzeAbort("p->current not NULL in vcpu_next_update");
            }
        }
        if (next.activated) {
            if (next.state == RUNSTATE_RUNNING && next.d.did != DEFAULT_DOMAIN) {
                warn.print("Strange, next d" + next.d.did + "v" + next.vid + " already running on proc "
                        + next.p.pid + "!\n");
                next.runstateTsc = 0;
            }
            if (next.p != p) {
                if (next.pcpuTsc != 0) {
                    next.cpuAffinityAll.update(tsc - next.pcpuTsc);
                    next.affinity(p.pid).update(tsc - next.pcpuTsc);
                }
                next.pcpuTsc = tsc;
            }
        } else {
            next.guestPagingLevels = defaultPagingLevels;
            next.activated = true;
            next.pcpuTsc = tsc;
        }
        runstateUpdate(next, RUNSTATE_RUNNING, tsc);
        next.p = p;
        p.current = next;
        draw(p);
        p.timeTsc = tsc;
        p.seenValidSchedule = true;
    }

    void loseVcpu(Vcpu v, long tsc) {
        if (v.dataType == DATA_HVM) {
            v.hvm.vmexitValid = false;
        }
        runstateUpdate(v, RUNSTATE_LOST, tsc);
        v.vlapic.clear();
        if (v.dataType == DATA_HVM) {
            hvm.lose(v.hvm);
        }
    }

    private void vcpuStart(Pcpu p, Vcpu v, int oldRunstate, int newRunstate, long riTsc) {
        if (oldRunstate == RUNSTATE_RUNNING) {
            if (p.current == null || p.current.d.did != DEFAULT_DOMAIN) {
                stderr.print("Strange, p->current not default domain!\n");
                errors.error(ErrorLevels.FILE, "p" + p.pid + ": p->current not the default domain");
                return;
            }
            if (p.firstTsc == 0) {
                stderr.print("Strange, p" + p.pid + " first_tsc 0!\n");
                errors.error(ErrorLevels.FILE, "p" + p.pid + ": first_tsc 0");
            }
            if (Long.compareUnsigned(p.firstTsc, p.current.runstateTsc) <= 0) {
                stderr.print("Strange, first_tsc " + Long.toHexString(p.firstTsc) + " < default_domain runstate tsc "
                        + Long.toHexString(p.current.runstateTsc) + "!\n");
                errors.error(ErrorLevels.FILE, "p" + p.pid + ": first_tsc before the default domain's runstate TSC");
            }
            runstateUpdate(p.current, RUNSTATE_QUEUED, p.firstTsc);
            p.current = null;
        }
        if (newRunstate != RUNSTATE_RUNNING) {
            warn.print("First schedule for d" + v.d.did + "v" + v.vid
                    + " doesn't take us into a running state; leaving INIT\n");
            return;
        }
        long tsc = riTsc;
        if (oldRunstate == RUNSTATE_RUNNING) {
            warn.print("Using first_tsc for d" + v.d.did + "v" + v.vid + " (" + (p.lastTsc - p.firstTsc)
                    + " cycles)\n");
            tsc = p.firstTsc;
        }
        runstateUpdate(v, RUNSTATE_RUNNING, tsc);
        p.timeTsc = tsc;
        p.current = v;
        draw(p);
        v.p = p;
    }

    /**
     * xenalyze's sched_runstate_process for a TRC_SCHED_MIN record.
     *
     * @param p the pCPU
     * @param event the event id (runstates in bits 9..4)
     * @param extra the extra words
     * @param extraWords their count
     * @param tsc the record's TSC
     */
    void runstateProcess(Pcpu p, int event, int[] extra, int extraWords, long tsc, String header) {
        int lo = event & 0xf;
        boolean isContinue;
        int newRunstate;
        int oldRunstate;
        if (lo == 1) {
            isContinue = false;
            newRunstate = (event >>> 4) & 0xf;
            oldRunstate = (event >>> 8) & 0xf;
        } else if (lo == 2) {
            isContinue = true;
            newRunstate = RUNSTATE_RUNNING;
            oldRunstate = RUNSTATE_RUNNING;
        } else {
            warn.print("FATAL: Unexpected runstate change type " + lo + "!\n");
            errors.error(ErrorLevels.RECORD, "unexpected runstate change type " + lo);
            return;
        }
        int vcpuId = extra[0] & 0xffff;
        int dom = extra[0] >>> 16;
        if (dumpAll) {
            String type = isContinue ? "runstate_continue" : "runstate_change";
            if (extraWords == 5) {
                long p1 = ((extra[1] & 0xffffffffL) | ((long) extra[2] << 32));
                long p2 = ((extra[3] & 0xffffffffL) | ((long) extra[4] << 32));
                dump.print(" " + header + " " + type + " {" + p1 + "," + p2 + "} d" + dom + "v" + vcpuId + " "
                        + name(oldRunstate) + "->" + name(newRunstate) + "\n");
            } else {
                dump.print(" " + header + " " + type + " d" + dom + "v" + vcpuId + " " + name(oldRunstate) + "->"
                        + name(newRunstate) + "\n");
            }
        }
        if (!isContinue && ((newRunstate == RUNSTATE_RUNNING && oldRunstate != RUNSTATE_RUNNABLE)
                || (newRunstate == RUNSTATE_BLOCKED && oldRunstate == RUNSTATE_RUNNABLE))) {
            warn.print("Strange, d" + dom + "v" + vcpuId + " unexpected runstate transition "
                    + name(oldRunstate) + "->" + name(newRunstate) + "\n");
        }
        if (vcpuId > MAX_CPUS) {
            warn.print("sched_runstate_process: vcpu " + vcpuId + " > MAX_VCPUS " + MAX_CPUS + "!\n");
            return;
        }
        Vcpu v = vcpuFind(dom, vcpuId);
        int lastWrong = v.lastOldstateWrong;
        int lastActual = v.lastOldstateActual;
        long lastTsc = v.lastOldstateTsc;
        v.lastOldstateWrong = RUNSTATE_INIT;
        if (v.state == RUNSTATE_INIT) {
            vcpuStart(p, v, oldRunstate, newRunstate, tsc);
            return;
        }
        if (v.dataType == DATA_HVM) {
            hvm.runstate(v.hvm, v.state == RUNSTATE_LOST, oldRunstate, newRunstate, tsc);
        }
        if (v.state != oldRunstate && v.state != RUNSTATE_INIT) {
            if (v.state == RUNSTATE_LOST) {
                if (newRunstate != RUNSTATE_RUNNING) {
                    if (dumpAll) {
                        warn.print("sched_runstate_process: d" + v.d.did + "v" + v.vid
                                + " in runstate lost, not updating to " + name(newRunstate) + "\n");
                    }
                    return;
                }
            } else if (lastWrong == newRunstate && lastActual == oldRunstate) {
                if (Long.compareUnsigned(tsc, lastTsc) < 0) {
                    warn.print("WARNING: new tsc " + tsc + " < detected runstate tsc " + lastTsc
                            + "! Not updating\n");
                    return;
                }
                throw new XenalyzeAbort("TSC skew correction is not supported (p" + p.pid + ")");
            } else {
                warn.print("runstate_change old_runstate " + name(oldRunstate) + ", d" + v.d.did + "v" + v.vid
                        + " runstate " + name(v.state) + ".  Possible tsc skew.\n");
                v.lastOldstateWrong = oldRunstate;
                v.lastOldstateActual = v.state;
                v.lastOldstateTsc = tsc;
                v.lastOldstatePid = p.pid;
                if (v.state == RUNSTATE_RUNNING) {
                    warn.print(" Not updating.\n");
                    return;
                }
            }
        }
        if (isContinue) {
            if (v.state == RUNSTATE_LOST) {
                warn.print("WARNING: continue with d" + v.d.did + "v" + v.vid
                        + " in RUNSTATE_LOST.  Resetting current.\n");
                if (p.current != null) {
                    vcpuPrevUpdate(p, p.current, tsc, RUNSTATE_LOST);
                }
                vcpuNextUpdate(p, v, tsc);
            } else if (v.state != RUNSTATE_RUNNING) {
                warn.print("FATAL: sevt.old_runstate running, but d" + v.d.did + "v" + v.vid + " runstate "
                        + name(v.state) + "!\n");
                errors.error(ErrorLevels.FILE, "sevt.old_runstate running, but d" + v.d.did + "v" + v.vid
                        + " runstate " + name(v.state));
            } else if (v.p != p) {
                warn.print("FATAL: continue on p" + p.pid + ", but d" + v.d.did + "v" + v.vid + " p"
                        + (v.p != null ? v.p.pid : -1) + "!\n");
                errors.error(ErrorLevels.FILE, "continue on p" + p.pid + ", but d" + v.d.did + "v" + v.vid + " p"
                        + (v.p != null ? v.p.pid : -1));
            }
            runstateUpdate(v, RUNSTATE_RUNNING, tsc);
        } else if (oldRunstate == RUNSTATE_RUNNING || v.state == RUNSTATE_RUNNING) {
            if (oldRunstate == RUNSTATE_RUNNING) {
                if (v.state != RUNSTATE_RUNNING && v.state != RUNSTATE_LOST) {
                    warn.print("FATAL: sevt.old_runstate running, but d" + v.d.did + "v" + v.vid + " runstate "
                            + name(v.state) + "!\n");
                    errors.error(ErrorLevels.FILE, "sevt.old_runstate running, but d" + v.d.did + "v" + v.vid
                            + " runstate " + name(v.state));
                }
                vcpuPrevUpdate(p, v, tsc, newRunstate);
            } else {
                vcpuPrevUpdate(v.p, v, tsc, newRunstate);
            }
            if (lostCpus != 0 && v.d.did != IDLE_DOMAIN) {
                if (dumpAll) {
                    warn.print("sched_runstate_process: " + lostCpus + " lost cpus, setting d" + v.d.did + "v"
                            + v.vid + " runstate to RUNSTATE_LOST\n");
                }
                loseVcpu(v, tsc);
            }
        } else if (newRunstate == RUNSTATE_RUNNING) {
            vcpuNextUpdate(p, v, tsc);
        } else {
            runstateUpdate(v, newRunstate, tsc);
        }
    }

    private static String name(int runstate) {
        return runstate < RUNSTATE_NAME.length ? RUNSTATE_NAME[runstate] : "(null)";
    }

    // ---- lost records --------------------------------------------------------------------------------------------

    void lostRecords(Pcpu p, int[] extra, int extraWords, String header) {
        if (extraWords != 4) {
            warn.print("FATAL: Lost record has unexpected extra words " + extraWords + "!\n");
            if (errors.stops(ErrorLevels.RECORD)) {
                warn.print(DumpFormats.generic(header, TraceEvents.TRC_LOST_RECORDS, extra, extraWords));
            }
            errors.error(ErrorLevels.RECORD, "lost record with " + extraWords + " extra words");
            return;
        }
        long firstTsc = (extra[2] & 0xffffffffL) | ((long) extra[3] << 32);
        if (dumpAll) {
            dump.print(" " + header + " lost_records count " + extra[0] + " d" + (extra[1] & 0xffff) + "v"
                    + (extra[1] >>> 16) + (p.current != null ? " (cur d" + p.current.d.did + "v" + p.current.vid
                    + ")" : " (cur X)") + " first_tsc " + firstTsc + "\n");
        }
        if (p.current != null) {
            p.current.vlapic.clear();
            if (p.current.dataType == DATA_HVM) {
                p.current.hvm.vmexitValid = false;
                hvm.cr3.switchTo(p.current.hvm, 0);
            }
            vcpuPrevUpdate(p, p.current, firstTsc, RUNSTATE_LOST);
        }
        if (!p.lostActive) {
            lostCpus++;
            if (lostCpus > maxActivePcpu + 1) {
                warn.print("ERROR: P.lost_cpus " + lostCpus + " > P.max_active_pcpu + 1 " + (maxActivePcpu + 1)
                        + "!\n");
                throw new XenalyzeAbort("P.lost_cpus " + lostCpus + " > P.max_active_pcpu + 1");
            }
        } else {
            warn.print("Strange, lost record for pcpu " + p.pid + ", but lost_record still active!\n");
        }
        p.lostActive = true;
        p.lostTsc = firstTsc;
        draw(p);
        for (Domain d : domains) {
            for (int i = 0; i < MAX_CPUS; i++) {
                if (d.vcpu[i] != null && d.vcpu[i].state != RUNSTATE_RUNNING) {
                    if (dumpAll) {
                        warn.print("process_lost_records: setting d" + d.did + "v" + i + " to RUNSTATE_LOST\n");
                    }
                    loseVcpu(d.vcpu[i], firstTsc);
                }
            }
        }
        p.lostDomainValid = true;
        p.lostDid = extra[1] & 0xffff;
        p.lostVid = extra[1] >>> 16;
    }

    void lostRecordsEnd(Pcpu p, long tsc) {
        if (!p.lostActive) {
            warn.print("FATAL: lost_records_end but pid " + p.pid + " not lost!\n");
            errors.error(ErrorLevels.FILE, "lost_records_end but pid " + p.pid + " not lost");
            return;
        }
        if (Long.compareUnsigned(tsc, p.lostTsc) > 0) {
            if (dumpAll) {
                dump.print("               " + pcpuString(p.pid) + " lost_records end ---\n");
            }
            p.timeLost.update(tsc - p.lostTsc);
            if (p.lostDomainValid) {
                if (dumpAll) {
                    dump.print("               " + pcpuString(p.pid) + " lost_records end d" + p.lostDid + "v"
                            + p.lostVid + "---\n");
                }
                if (p.current != null) {
                    warn.print("FATAL: lost_record valid (d" + p.lostDid + "v" + p.lostVid + "), but current d"
                            + p.current.d.did + "v" + p.current.vid + "!\n");
                    errors.error(ErrorLevels.FILE, "lost_record valid (d" + p.lostDid + "v" + p.lostVid
                            + "), but current d" + p.current.d.did + "v" + p.current.vid);
                    return;
                }
                if (dumpAll) {
                    warn.print("Changing p" + p.pid + " current to d" + p.lostDid + "v" + p.lostVid + "\n");
                }
                vcpuNextUpdate(p, vcpuFind(p.lostDid, p.lostVid), tsc);
                p.lostDomainValid = false;
                p.seenValidSchedule = false;
            } else if (dumpAll) {
                dump.print("               " + pcpuString(p.pid) + " lost_records end (domain invalid)---\n");
            }
            p.lostActive = false;
            draw(p);
            lostCpus--;
            if (lostCpus < 0) {
                warn.print("ERROR: lost_cpus fell below 0 for pcpu " + p.pid + "!\n");
                throw new XenalyzeAbort("lost_cpus fell below 0 for pcpu " + p.pid);
            }
        }
    }
}
