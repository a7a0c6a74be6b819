package org.xenwb.xsm.policy;

import java.util.List;
import java.util.Map;

import org.xenwb.xsm.policy.XenPolicyBuild.Variant;

/** The corpus of policies the conformance tests build with Xen's recipe and compare with the reference tools. */
public final class Variants {

    /** A custom module using many statements Xen's default policy does not: aliases, bounds, conditionals... */
    static final String FEATURES_TE = """
            type feat_t alias { feat_alias_t feat_other_t }, domain_type;
            type feat_child_t, domain_type;
            typebounds feat_t feat_child_t;
            type feat_obj_t;
            attribute feat_attr;
            typeattribute feat_obj_t feat_attr;
            bool feat_on true;
            bool feat_off false;
            allow dom0_t feat_t:domain { create getdomaininfo };
            allow feat_t feat_attr:grant { map_read copy };
            allow feat_child_t self:grant { map_read query };
            allow feat_t self:grant { map_read query };
            auditallow dom0_t feat_t:domain create;
            dontaudit feat_t xen_t:xen { readconsole };
            neverallow feat_t feat_t:domain create;
            type_transition dom0_t feat_obj_t:event feat_t;
            type_change feat_t dom0_t:domain feat_child_t;
            type_member feat_t domU_t:grant feat_obj_t;
            allow feat_t dom0_t:domain getdomaininfo;
            type_transition feat_t dom0_t:domain feat_obj_t;
            if (feat_on && !feat_off) {
                allow feat_t domU_t:domain { pause unpause };
            } else {
                allow feat_t domU_t:domain pause;
                dontaudit feat_t domU_t:domain unpause;
            }
            if (feat_on || guest_writeconsole) {
                type_transition feat_t domU_t:event feat_obj_t;
            }
            role system_r types { feat_t feat_child_t };
            allow system_r vm_r;
            allow vm_r system_r;
            role_transition system_r feat_obj_t:domain vm_r;
            role_transition vm_r { feat_t feat_child_t }:{ domain event } system_r;
            """;

    /** Constraints of the custom module, one with attribute names (kept as names since version 29). */
    static final String FEATURES_CONS = """
            constrain domain { create } (t1 == { feat_attr dom0_t } or t2 != feat_t);
            constrain event { send } (not (r1 == r2) or u1 == system_u);
            validatetrans domain (t1 == t2 or t3 == feat_t);
            """;

    /** Device labels of every Xen kind. */
    static final String DEVICES = """
            pirqcon 33 gen_context(system_u:object_r:nic_dev_t,s0)
            pirqcon 55 gen_context(system_u:object_r:nic_dev_t,s0)
            iomemcon 0xfebe0-0xfebff gen_context(system_u:object_r:nic_dev_t,s0)
            iomemcon 0xfebd9 gen_context(system_u:object_r:nic_dev_t,s0 - s3:c0.c7`,'c9)
            iomemcon 0x1000000000-0x1000000fff gen_context(system_u:object_r:nic_dev_t,s0)
            ioportcon 0xecc0-0xecdf gen_context(system_u:object_r:nic_dev_t,s0)
            ioportcon 0x3f8 gen_context(system_u:object_r:nic_dev_t,s1:c1`,'c2`,'c5)
            pcidevicecon 0xc800 gen_context(system_u:object_r:nic_dev_t,s0)
            devicetreecon "/soc/ethernet@1000" gen_context(system_u:object_r:nic_dev_t,s0)
            """;

    /** An MLS definition for Xen's tree (Xen's own {@code policy/mls} names a permission that no longer exists). */
    static final String MLS = """
            ifdef(`enable_mls',`
            gen_sens(mls_num_sens)
            gen_cats(mls_num_cats)
            gen_levels(mls_num_sens,mls_num_cats)
            mlsconstrain domain { getdomaininfo getvcpucontext } ((l1 dom l2) or (t1 == mls_priv));
            mlsconstrain domain { create } (h1 dom h2 and l1 domby l2);
            mlsvalidatetrans domain (l1 domby h2 or t3 == mls_priv);
            ')
            """;

    private Variants() {
    }

    /** @return every variant, each of which checkpolicy compiles */
    public static List<Variant> all() {
        Map<String, String> none = Map.of();
        Map<String, String> devices = Map.of("policy/device_contexts", DEVICES);
        return List.of(
                Variant.defaults("4.17"),
                Variant.defaults("4.22"),
                new Variant("v24-4.17", "4.17", Map.of(), none, none, none, List.of(), 24),
                new Variant("no-nic-dev-4.17", "4.17", Map.of("nic_dev", false), none, none, none, List.of(), 30),
                new Variant("no-guests-4.22", "4.22", Map.of("prot_domU", false, "nomigrate", false,
                        "isolated_domU", false), none, none, none, List.of(), 30),
                new Variant("no-roles-4.22", "4.22", Map.of("vm_role", false, "all_system_role", false), none,
                        none, none, List.of(), 30),
                new Variant("mls-4.22", "4.22", Map.of(), none, none,
                        Map.of("policy/mls", MLS, "policy/device_contexts", DEVICES), List.of("enable_mls"), 30),
                new Variant("devices-4.22", "4.22", Map.of(), none, none, devices, List.of(), 30),
                new Variant("features-4.17", "4.17", Map.of(), Map.of("features", FEATURES_TE),
                        Map.of("features", FEATURES_CONS), devices, List.of(), 30),
                new Variant("features-v24-4.22", "4.22", Map.of(), Map.of("features", FEATURES_TE),
                        Map.of("features", FEATURES_CONS), Map.of("policy/device_contexts", DEVICES
                                .replace("iomemcon 0x1000000000-0x1000000fff", "iomemcon 0x100000-0x100fff")
                                .replaceAll("devicetreecon .*\\n", "")), List.of(), 24));
    }
}
