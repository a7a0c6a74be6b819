package org.xenwb.engine.core.xl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import org.xenwb.engine.core.Engine;
import org.xenwb.engine.core.model.Domain;
import org.xenwb.engine.core.model.DomainConfig;
import org.xenwb.engine.core.model.SchedulerKind;
import org.xenwb.engine.core.model.ShutdownAction;
import org.xenwb.engine.core.model.Vcpu;

/**
 * {@code xl list -l} of Xen 4.17: a JSON array with, per domain, {@code domid} and the {@code libxl_domain_config}
 * xl keeps for it, printed the way libxl's JSON generator prints it (yajl "beautify": 4-space indent, an empty
 * object as an empty line between its braces, fields equal to their libxl default left out, booleans of type
 * {@code libxl_defbool} as the strings "True"/"False"). Checked byte for byte against the real host's output of
 * the traces ({@code *-boot-info/xl-list-l-*.txt}, PV guests on credit and credit2) except the random UUIDs.
 *
 * <p>What is printed: for Domain-0 only {@code c_info} (type, name) and {@code b_info} (memory, scheduler
 * parameters, empty per-type/arch objects), as xl has no stored configuration of dom0; the real host's dom0
 * target is one KiB below its maximum and the engine prints it the same way. For a guest: {@code c_info} (type,
 * name, the unset domid 4294967295 xl stores, uuid, run_hotplug_scripts), {@code b_info} (max_vcpus, the online
 * vCPUs, memory in KiB, video_memkb 0, scheduler parameters read back from the scheduler, claim_mode, kernel,
 * cmdline and ramdisk from the xl.cfg when given), the shutdown actions that are not {@code destroy} and
 * {@code on_soft_reset}. Not verified against a real host: PVH/HVM guests (the per-type objects of an HVM guest
 * hold many defaults the engine does not print) and RTDS/ARINC653/null parameters. Stateless; call on the
 * simulation thread.</p>
 */
final class XlListLong {

    /** What the xl.cfg said that only {@code xl list -l} shows (kernel, cmdline from extra, ramdisk). */
    record BootFiles(String kernel, String cmdline, String ramdisk) {
    }

    private XlListLong() {
    }

    /**
     * @param e the engine
     * @param only domains to print, or empty for all
     * @param boot boot files by domid
     * @param uuid a domain's UUID
     * @return the text xl prints
     */
    static String print(Engine e, List<Domain> only, Map<Integer, BootFiles> boot, Function<Domain, String> uuid) {
        Json j = new Json();
        j.open('[');
        for (Domain d : only.isEmpty() ? new ArrayList<>(e.domains()) : only) {
            j.item().open('{');
            j.field("domid").num(d.id());
            j.field("config").open('{');
            if (d.id() == 0) {
                dom0(j, e, d);
            } else {
                guest(j, e, d, boot.get(d.id()), uuid.apply(d));
            }
            j.close('}');
            j.close('}');
        }
        j.close(']');
        return j.text() + "\n\n";
    }

    private static void dom0(Json j, Engine e, Domain d) {
        j.field("c_info").open('{');
        j.field("type").str(d.config().type());
        j.field("name").str(d.name());
        j.close('}');
        j.field("b_info").open('{');
        j.field("max_memkb").num(d.memoryMiB * 1024);
        j.field("target_memkb").num(d.memoryMiB * 1024 - 1);
        schedParams(j, e, d);
        typeAndArch(j, d, false);
        j.close('}');
    }

    private static void guest(Json j, Engine e, Domain d, BootFiles boot, String uuid) {
        DomainConfig c = d.config();
        j.field("c_info").open('{');
        j.field("type").str(c.type());
        j.field("name").str(d.name());
        j.field("domid").num(4294967295L);
        j.field("uuid").str(uuid);
        j.field("run_hotplug_scripts").str("True");
        j.close('}');
        j.field("b_info").open('{');
        j.field("max_vcpus").num(d.vcpus().size());
        j.field("avail_vcpus").open('[');
        for (Vcpu v : d.vcpus()) {
            if (!v.down) {
                j.item().num(v.id());
            }
        }
        j.close(']');
        j.field("max_memkb").num(Math.max(c.maxmemMiB(), d.memoryMiB) * 1024);
        j.field("target_memkb").num(d.memoryMiB * 1024);
        j.field("video_memkb").num(0);
        schedParams(j, e, d);
        j.field("claim_mode").str("True");
        if (boot != null) {
            if (boot.kernel() != null) {
                j.field("kernel").str(boot.kernel());
            }
            if (boot.cmdline() != null) {
                j.field("cmdline").str(boot.cmdline());
            }
            if (boot.ramdisk() != null) {
                j.field("ramdisk").str(boot.ramdisk());
            }
        }
        typeAndArch(j, d, true);
        j.close('}');
        action(j, "on_poweroff", c.onPoweroff());
        action(j, "on_reboot", c.onReboot());
        action(j, "on_watchdog", c.onWatchdog());
        action(j, "on_crash", c.onCrash());
        j.field("on_soft_reset").str("soft_reset");
    }

    private static void schedParams(Json j, Engine e, Domain d) {
        SchedulerKind k = e.pool(d.poolId).scheduler().kind();
        j.field("sched_params").open('{');
        j.field("sched").str(k.xlName());
        if (k == SchedulerKind.CREDIT || k == SchedulerKind.CREDIT2) {
            j.field("weight").num(d.weight);
            j.field("cap").num(d.cap);
        }
        j.close('}');
    }

    private static void typeAndArch(Json j, Domain d, boolean guest) {
        j.field("type." + d.config().type()).open('{').close('}');
        j.field("arch_arm").open('{').close('}');
        j.field("arch_x86").open('{');
        if (guest) {
            j.field("msr_relaxed").str("False");
        }
        j.close('}');
    }

    private static void action(Json j, String key, ShutdownAction a) {
        if (a != ShutdownAction.DESTROY) {
            j.field(key).str(a.name().toLowerCase(Locale.ROOT));
        }
    }

    /** A minimal writer of yajl's beautified layout. */
    private static final class Json {
        private final StringBuilder sb = new StringBuilder();
        /** Per open container: how many members it has so far. */
        private final List<int[]> counts = new ArrayList<>();

        Json field(String name) {
            item();
            sb.append('"').append(escape(name)).append("\": ");
            return this;
        }

        /** Starts a member of the current container (a comma and a new line, indented). */
        Json item() {
            if (!counts.isEmpty()) {
                int[] c = counts.get(counts.size() - 1);
                sb.append(c[0]++ > 0 ? ",\n" : "\n");
                indent(counts.size());
            }
            return this;
        }

        Json open(char bracket) {
            sb.append(bracket);
            counts.add(new int[1]);
            return this;
        }

        Json close(char bracket) {
            int[] c = counts.remove(counts.size() - 1);
            sb.append('\n');
            if (c[0] == 0) {
                sb.append('\n');
            }
            indent(counts.size());
            sb.append(bracket);
            return this;
        }

        Json num(long v) {
            sb.append(v);
            return this;
        }

        Json str(String s) {
            sb.append('"').append(escape(s)).append('"');
            return this;
        }

        String text() {
            return sb.toString();
        }

        private void indent(int level) {
            sb.append("    ".repeat(level));
        }

        private static String escape(String s) {
            StringBuilder b = new StringBuilder();
            for (char ch : s.toCharArray()) {
                switch (ch) {
                    case '"' -> b.append("\\\"");
                    case '\\' -> b.append("\\\\");
                    case '\n' -> b.append("\\n");
                    case '\t' -> b.append("\\t");
                    default -> b.append(ch < 0x20 ? String.format(Locale.ROOT, "\\u%04x", (int) ch)
                            : String.valueOf(ch));
                }
            }
            return b.toString();
        }
    }
}
