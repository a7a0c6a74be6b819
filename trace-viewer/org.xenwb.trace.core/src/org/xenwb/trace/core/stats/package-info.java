/**
 * Exact scheduling statistics over any time range of a {@link org.xenwb.trace.core.state.StateModel}: CPU time
 * per domain and vCPU, wake-to-run latency distributions, migrations and run-queue lengths. Nothing is sampled.
 */
package org.xenwb.trace.core.stats;
