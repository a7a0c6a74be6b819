package org.xenwb.xsm.policy;

/**
 * An MLS sensitivity or sensitivity alias with its level definition.
 *
 * @param name the name, e.g. {@code s0}
 * @param alias whether this entry is an alias of another sensitivity
 * @param level the level ({@code level s0:c0.c255;}); its sensitivity is the value of this sensitivity
 */
public record Sensitivity(String name, boolean alias, MlsLevel level) {
}
