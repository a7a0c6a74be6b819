package org.xenwb.trace.core.catalog;

import java.util.Arrays;

/**
 * A named table of enumeration values shown by name in decoded fields (run states, hypercalls, exit reasons...).
 * Values the table does not name are shown as numbers by {@link Field}.
 *
 * <p>Immutable, thread-safe.</p>
 */
public final class Symbols {

    /** vCPU run states of {@code public/vcpu.h} ({@code RUNSTATE_*}). */
    public static final Symbols RUNSTATE = new Symbols("runstate", "running", "runnable", "blocked", "offline");

    /** Hypercall numbers of {@code public/xen.h} in Xen 4.17 ({@code __HYPERVISOR_*}); 48..55 are arch_0..7. */
    public static final Symbols HYPERCALL = new Symbols("hypercall", "set_trap_table", "mmu_update", "set_gdt",
            "stack_switch", "set_callbacks", "fpu_taskswitch", "sched_op_compat", "platform_op", "set_debugreg",
            "get_debugreg", "update_descriptor", null, "memory_op", "multicall", "update_va_mapping", "set_timer_op",
            "event_channel_op_compat", "xen_version", "console_io", "physdev_op_compat", "grant_table_op",
            "vm_assist", "update_va_mapping_otherdomain", "iret", "vcpu_op", "set_segment_base", "mmuext_op",
            "xsm_op", "nmi_op", "sched_op", "callback_op", "xenoprof_op", "event_channel_op", "physdev_op", "hvm_op",
            "sysctl", "domctl", "kexec_op", "tmem_op", "argo_op", "xenpmu_op", "dm_op", "hypfs_op", null, null, null,
            null, null, "arch_0", "arch_1", "arch_2", "arch_3", "arch_4", "arch_5", "arch_6", "arch_7");

    /** Reasons of {@code SCHEDOP_shutdown} ({@code SHUTDOWN_*} of {@code public/sched.h}). */
    public static final Symbols SHUTDOWN = new Symbols("shutdown", "poweroff", "reboot", "suspend", "crash",
            "watchdog", "soft_reset");

    /** x86 exception vectors 0..21, by their mnemonic. */
    public static final Symbols VECTOR = new Symbols("vector", "#DE", "#DB", "NMI", "#BP", "#OF", "#BR", "#UD", "#NM",
            "#DF", "#CSO", "#TS", "#NP", "#SS", "#GP", "#PF", null, "#MF", "#AC", "#MC", "#XM", "#VE", "#CP");

    /** Sources of a pending HVM interrupt ({@code enum hvm_intsrc}). */
    public static final Symbols INTR_SOURCE = new Symbols("intr_source", "none", "pic", "lapic", "nmi", "mce",
            "vector");

    /** Intel VMX basic exit reasons (the low 16 bits of the exit reason word). */
    public static final Symbols VMX_EXIT = new Symbols("vmx_exit", ExitReasonNames.vmxTable());

    /** AMD SVM exit codes. */
    public static final Symbols SVM_EXIT = new Symbols("svm_exit", ExitReasonNames.svmTable());

    private final String name;
    private final String[] names;

    private Symbols(String name, String... names) {
        this.name = name;
        this.names = names.clone();
    }

    /** @return the table's name, e.g. {@code "hypercall"} */
    public String name() {
        return name;
    }

    /**
     * The name of a value.
     *
     * @param value the value (as an unsigned number)
     * @return its name, or null when the table has none
     */
    public String lookup(long value) {
        return value >= 0 && value < names.length ? names[(int) value] : null;
    }

    @Override
    public String toString() {
        return name + Arrays.toString(names);
    }
}
