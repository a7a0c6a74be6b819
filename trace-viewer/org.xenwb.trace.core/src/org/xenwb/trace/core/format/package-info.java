/**
 * The single definition of the binary trace format of Xen: event ids ({@link org.xenwb.trace.core.format.TraceEvents}),
 * the file layout ({@link org.xenwb.trace.core.format.TraceFormat}), the record value
 * ({@link org.xenwb.trace.core.format.TraceRecord}), and the encoder, writer and decoder that every other part of
 * the workbench uses to produce or parse xentrace files.
 *
 * <p>Writing a trace that xenalyze and {@code xenwb trace} read, as xentrace would have written it:</p>
 * <pre>{@code
 * try (TraceWriter w = new TraceWriter(Files.newOutputStream(path))) {
 *     // each record: event id, pCPU, TSC in cycles, 0..7 payload words (in the order Xen's TRACE_xD passes them)
 *     w.write(TraceRecord.withTsc(TraceEvents.TRC_SCHED_RUNSTATE_CHANGE | (RUNNABLE << 8) | (RUNNING << 4),
 *             cpu, tsc, (domid << 16) | vcpuid));
 *     w.write(TraceRecord.withTsc(TraceEvents.TRC_SCHED_SWITCH, cpu, tsc, prevDom, prevVcpu, nextDom, nextVcpu));
 *     w.write(TraceRecord.lostRecords(cpu, tsc, lostCount, domid, vcpuid, firstLostTsc));
 *     w.endWindow(); // optional: one window per pCPU per simulated poll of xentrace
 * }
 * }</pre>
 * <p>Records of one pCPU must be written in that pCPU's TSC order; pCPUs may interleave freely. Readers merge the
 * per-pCPU streams by TSC the way xenalyze does ({@code org.xenwb.trace.core.read.TraceReader}).</p>
 *
 * <p>Plain Java, no dependencies beyond the JDK.</p>
 */
package org.xenwb.trace.core.format;
