/**
 * Reading xentrace files of any size with a constant heap: {@link org.xenwb.trace.core.read.TraceReader} merges the
 * per-pCPU streams into one time-ordered stream in xenalyze's exact order and reports format problems with their
 * byte offsets instead of throwing.
 */
package org.xenwb.trace.core.read;
