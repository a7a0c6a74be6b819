/**
 * Per-vCPU workloads: CPU-bound, idle, periodic with deadlines, I/O-like.
 */
package org.xenwb.engine.core.workload;
