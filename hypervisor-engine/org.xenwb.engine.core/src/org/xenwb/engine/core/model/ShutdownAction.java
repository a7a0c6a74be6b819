package org.xenwb.engine.core.model;

import java.util.Locale;

/** The {@code on_poweroff}/{@code on_reboot}/{@code on_crash}/{@code on_watchdog} actions of xl.cfg(5). */
public enum ShutdownAction {
    /** Destroy the domain. */
    DESTROY,
    /** Destroy and create it again with the same configuration. */
    RESTART,
    /** Keep the domain (shut down) so it can be inspected. */
    PRESERVE,
    /** Rename the old domain and restart a new one. */
    RENAME_RESTART,
    /** Dump core then destroy. */
    COREDUMP_DESTROY,
    /** Dump core then restart. */
    COREDUMP_RESTART,
    /** Soft reset (on_soft_reset only). */
    SOFT_RESET;

    /**
     * @param text the xl.cfg spelling, e.g. {@code coredump-destroy}
     * @return the action
     * @throws IllegalArgumentException for an unknown spelling
     */
    public static ShutdownAction parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown action '" + text + "' (destroy, restart, preserve, "
                    + "rename-restart, coredump-destroy, coredump-restart, soft-reset)", e);
        }
    }

    /** @return the xl.cfg spelling */
    public String xlName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
