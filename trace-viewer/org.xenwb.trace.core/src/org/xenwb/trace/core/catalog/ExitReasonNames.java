package org.xenwb.trace.core.catalog;

/**
 * Names of HVM exit reasons, spelled as xenalyze prints them: Intel VMX basic exit reasons (56 entries, xenalyze's
 * VMX maximum) and AMD SVM exit codes (1025 entries). Architectural facts; absent entries are null.
 *
 * <p>Immutable tables; thread-safe.</p>
 */
public final class ExitReasonNames {

    private static final String[] VMX = new String[56];
    private static final String[] SVM = new String[1025];

    private ExitReasonNames() {
    }

    /** @return a fresh copy of the VMX table, indexed by basic exit reason; absent entries are null */
    public static String[] vmxTable() {
        return VMX.clone();
    }

    /** @return a fresh copy of the SVM table, indexed by exit code; absent entries are null */
    public static String[] svmTable() {
        return SVM.clone();
    }

    /**
     * The name of an exit reason.
     *
     * @param svm whether the reason is an AMD SVM exit code (else an Intel VMX basic exit reason)
     * @param reason the exit reason word of the record
     * @return its name, or null when the table has none
     */
    public static String name(boolean svm, int reason) {
        String[] table = svm ? SVM : VMX;
        return reason >= 0 && reason < table.length ? table[reason] : null;
    }

    static {
        VMX[0] = "EXCEPTION_NMI";
        VMX[1] = "EXTERNAL_INTERRUPT";
        VMX[2] = "TRIPLE_FAULT";
        VMX[3] = "INIT";
        VMX[4] = "SIPI";
        VMX[5] = "IO_SMI";
        VMX[6] = "OTHER_SMI";
        VMX[7] = "PENDING_INTERRUPT";
        VMX[8] = "PENDING_VIRT_NMI";
        VMX[9] = "TASK_SWITCH";
        VMX[10] = "CPUID";
        VMX[11] = "GETSEC";
        VMX[12] = "HLT";
        VMX[13] = "INVD";
        VMX[14] = "INVLPG";
        VMX[15] = "RDPMC";
        VMX[16] = "RDTSC";
        VMX[17] = "RSM";
        VMX[18] = "VMCALL";
        VMX[19] = "VMCLEAR";
        VMX[20] = "VMLAUNCH";
        VMX[21] = "VMPTRLD";
        VMX[22] = "VMPTRST";
        VMX[23] = "VMREAD";
        VMX[24] = "VMRESUME";
        VMX[25] = "VMWRITE";
        VMX[26] = "VMOFF";
        VMX[27] = "VMON";
        VMX[28] = "CR_ACCESS";
        VMX[29] = "DR_ACCESS";
        VMX[30] = "IO_INSTRUCTION";
        VMX[31] = "MSR_READ";
        VMX[32] = "MSR_WRITE";
        VMX[33] = "INVALID_GUEST_STATE";
        VMX[34] = "MSR_LOADING";
        VMX[36] = "MWAIT_INSTRUCTION";
        VMX[37] = "MONITOR_TRAP_FLAG";
        VMX[39] = "MONITOR_INSTRUCTION";
        VMX[40] = "PAUSE_INSTRUCTION";
        VMX[41] = "MACHINE_CHECK";
        VMX[43] = "TPR_BELOW_THRESHOLD";
        VMX[44] = "APIC_ACCESS";
        VMX[48] = "EPT_VIOLATION";
        VMX[49] = "EPT_MISCONFIG";
        VMX[50] = "INVEPT";
        VMX[51] = "RDTSCP";
        VMX[52] = "VMX_PREEMPTION_TIMER_EXPIRED";
        VMX[53] = "INVVPID";
        VMX[54] = "WBINVD";
        VMX[55] = "XSETBV";
        SVM[0] = "VMEXIT_CR0_READ";
        SVM[1] = "VMEXIT_CR1_READ";
        SVM[2] = "VMEXIT_CR2_READ";
        SVM[3] = "VMEXIT_CR3_READ";
        SVM[4] = "VMEXIT_CR4_READ";
        SVM[5] = "VMEXIT_CR5_READ";
        SVM[6] = "VMEXIT_CR6_READ";
        SVM[7] = "VMEXIT_CR7_READ";
        SVM[8] = "VMEXIT_CR8_READ";
        SVM[9] = "VMEXIT_CR9_READ";
        SVM[10] = "VMEXIT_CR10_READ";
        SVM[11] = "VMEXIT_CR11_READ";
        SVM[12] = "VMEXIT_CR12_READ";
        SVM[13] = "VMEXIT_CR13_READ";
        SVM[14] = "VMEXIT_CR14_READ";
        SVM[15] = "VMEXIT_CR15_READ";
        SVM[16] = "VMEXIT_CR0_WRITE";
        SVM[17] = "VMEXIT_CR1_WRITE";
        SVM[18] = "VMEXIT_CR2_WRITE";
        SVM[19] = "VMEXIT_CR3_WRITE";
        SVM[20] = "VMEXIT_CR4_WRITE";
        SVM[21] = "VMEXIT_CR5_WRITE";
        SVM[22] = "VMEXIT_CR6_WRITE";
        SVM[23] = "VMEXIT_CR7_WRITE";
        SVM[24] = "VMEXIT_CR8_WRITE";
        SVM[25] = "VMEXIT_CR9_WRITE";
        SVM[26] = "VMEXIT_CR10_WRITE";
        SVM[27] = "VMEXIT_CR11_WRITE";
        SVM[28] = "VMEXIT_CR12_WRITE";
        SVM[29] = "VMEXIT_CR13_WRITE";
        SVM[30] = "VMEXIT_CR14_WRITE";
        SVM[31] = "VMEXIT_CR15_WRITE";
        SVM[32] = "VMEXIT_DR0_READ";
        SVM[33] = "VMEXIT_DR1_READ";
        SVM[34] = "VMEXIT_DR2_READ";
        SVM[35] = "VMEXIT_DR3_READ";
        SVM[36] = "VMEXIT_DR4_READ";
        SVM[37] = "VMEXIT_DR5_READ";
        SVM[38] = "VMEXIT_DR6_READ";
        SVM[39] = "VMEXIT_DR7_READ";
        SVM[40] = "VMEXIT_DR8_READ";
        SVM[41] = "VMEXIT_DR9_READ";
        SVM[42] = "VMEXIT_DR10_READ";
        SVM[43] = "VMEXIT_DR11_READ";
        SVM[44] = "VMEXIT_DR12_READ";
        SVM[45] = "VMEXIT_DR13_READ";
        SVM[46] = "VMEXIT_DR14_READ";
        SVM[47] = "VMEXIT_DR15_READ";
        SVM[48] = "VMEXIT_DR0_WRITE";
        SVM[49] = "VMEXIT_DR1_WRITE";
        SVM[50] = "VMEXIT_DR2_WRITE";
        SVM[51] = "VMEXIT_DR3_WRITE";
        SVM[52] = "VMEXIT_DR4_WRITE";
        SVM[53] = "VMEXIT_DR5_WRITE";
        SVM[54] = "VMEXIT_DR6_WRITE";
        SVM[55] = "VMEXIT_DR7_WRITE";
        SVM[56] = "VMEXIT_DR8_WRITE";
        SVM[57] = "VMEXIT_DR9_WRITE";
        SVM[58] = "VMEXIT_DR10_WRITE";
        SVM[59] = "VMEXIT_DR11_WRITE";
        SVM[60] = "VMEXIT_DR12_WRITE";
        SVM[61] = "VMEXIT_DR13_WRITE";
        SVM[62] = "VMEXIT_DR14_WRITE";
        SVM[63] = "VMEXIT_DR15_WRITE";
        SVM[64] = "VMEXIT_EXCEPTION_DE";
        SVM[65] = "VMEXIT_EXCEPTION_DB";
        SVM[66] = "VMEXIT_EXCEPTION_NMI";
        SVM[67] = "VMEXIT_EXCEPTION_BP";
        SVM[68] = "VMEXIT_EXCEPTION_OF";
        SVM[69] = "VMEXIT_EXCEPTION_BR";
        SVM[70] = "VMEXIT_EXCEPTION_UD";
        SVM[71] = "VMEXIT_EXCEPTION_NM";
        SVM[72] = "VMEXIT_EXCEPTION_DF";
        SVM[73] = "VMEXIT_EXCEPTION_09";
        SVM[74] = "VMEXIT_EXCEPTION_TS";
        SVM[75] = "VMEXIT_EXCEPTION_NP";
        SVM[76] = "VMEXIT_EXCEPTION_SS";
        SVM[77] = "VMEXIT_EXCEPTION_GP";
        SVM[78] = "VMEXIT_EXCEPTION_PF";
        SVM[79] = "VMEXIT_EXCEPTION_15";
        SVM[80] = "VMEXIT_EXCEPTION_MF";
        SVM[81] = "VMEXIT_EXCEPTION_AC";
        SVM[82] = "VMEXIT_EXCEPTION_MC";
        SVM[83] = "VMEXIT_EXCEPTION_XF";
        SVM[84] = "VMEXIT_EXCEPTION_20";
        SVM[85] = "VMEXIT_EXCEPTION_21";
        SVM[86] = "VMEXIT_EXCEPTION_22";
        SVM[87] = "VMEXIT_EXCEPTION_23";
        SVM[88] = "VMEXIT_EXCEPTION_24";
        SVM[89] = "VMEXIT_EXCEPTION_25";
        SVM[90] = "VMEXIT_EXCEPTION_26";
        SVM[91] = "VMEXIT_EXCEPTION_27";
        SVM[92] = "VMEXIT_EXCEPTION_28";
        SVM[93] = "VMEXIT_EXCEPTION_29";
        SVM[94] = "VMEXIT_EXCEPTION_30";
        SVM[95] = "VMEXIT_EXCEPTION_31";
        SVM[96] = "VMEXIT_INTR";
        SVM[97] = "VMEXIT_NMI";
        SVM[98] = "VMEXIT_SMI";
        SVM[99] = "VMEXIT_INIT";
        SVM[100] = "VMEXIT_VINTR";
        SVM[101] = "VMEXIT_CR0_SEL_WRITE";
        SVM[102] = "VMEXIT_IDTR_READ";
        SVM[103] = "VMEXIT_GDTR_READ";
        SVM[104] = "VMEXIT_LDTR_READ";
        SVM[105] = "VMEXIT_TR_READ";
        SVM[106] = "VMEXIT_IDTR_WRITE";
        SVM[107] = "VMEXIT_GDTR_WRITE";
        SVM[108] = "VMEXIT_LDTR_WRITE";
        SVM[109] = "VMEXIT_TR_WRITE";
        SVM[110] = "VMEXIT_RDTSC";
        SVM[111] = "VMEXIT_RDPMC";
        SVM[112] = "VMEXIT_PUSHF";
        SVM[113] = "VMEXIT_POPF";
        SVM[114] = "VMEXIT_CPUID";
        SVM[115] = "VMEXIT_RSM";
        SVM[116] = "VMEXIT_IRET";
        SVM[117] = "VMEXIT_SWINT";
        SVM[118] = "VMEXIT_INVD";
        SVM[119] = "VMEXIT_PAUSE";
        SVM[120] = "VMEXIT_HLT";
        SVM[121] = "VMEXIT_INVLPG";
        SVM[122] = "VMEXIT_INVLPGA";
        SVM[123] = "VMEXIT_IOIO";
        SVM[124] = "VMEXIT_MSR";
        SVM[125] = "VMEXIT_TASK_SWITCH";
        SVM[126] = "VMEXIT_FERR_FREEZE";
        SVM[127] = "VMEXIT_SHUTDOWN";
        SVM[128] = "VMEXIT_VMRUN";
        SVM[129] = "VMEXIT_VMMCALL";
        SVM[130] = "VMEXIT_VMLOAD";
        SVM[131] = "VMEXIT_VMSAVE";
        SVM[132] = "VMEXIT_STGI";
        SVM[133] = "VMEXIT_CLGI";
        SVM[134] = "VMEXIT_SKINIT";
        SVM[135] = "VMEXIT_RDTSCP";
        SVM[136] = "VMEXIT_ICEBP";
        SVM[137] = "VMEXIT_WBINVD";
        SVM[138] = "VMEXIT_MONITOR";
        SVM[139] = "VMEXIT_MWAIT";
        SVM[140] = "VMEXIT_MWAIT_CONDITIONAL";
        SVM[1024] = "VMEXIT_NPF";
    }
}
