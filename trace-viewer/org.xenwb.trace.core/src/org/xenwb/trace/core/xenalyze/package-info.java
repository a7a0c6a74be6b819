/**
 * A reimplementation of Xen's xenalyze analysis ({@link org.xenwb.trace.core.xenalyze.XenalyzeAnalysis}) that prints
 * the same {@code --summary}, {@code --report-pcpu} and {@code --dump-all} output, byte for byte, with xenalyze's
 * option semantics ({@link org.xenwb.trace.core.xenalyze.XenalyzeOptions}).
 */
package org.xenwb.trace.core.xenalyze;
