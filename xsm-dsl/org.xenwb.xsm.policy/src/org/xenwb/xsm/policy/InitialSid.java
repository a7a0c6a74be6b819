package org.xenwb.xsm.policy;

/**
 * The context of an initial SID ({@code sid NAME CONTEXT}). The binary policy stores only the SID number, the
 * position of the SID in Xen's {@code initial_sids} declaration list; see {@link XenInitialSids} for the names.
 *
 * @param sid the SID number (1-based)
 * @param context its context
 */
public record InitialSid(int sid, SecurityContext context) {
}
