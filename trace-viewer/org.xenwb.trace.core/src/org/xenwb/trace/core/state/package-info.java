/**
 * The scheduling state model of a trace: per-vCPU lanes of runstate intervals and per-pCPU lanes of which vCPU
 * runs, built from the scheduler's runstate records ({@link org.xenwb.trace.core.state.StateModelBuilder}). Its
 * per-vCPU counts and averages equal those of {@code xenalyze --summary} on every real capture (see the tests for
 * the two conventions that differ). Plain Java; times in TSC cycles.
 */
package org.xenwb.trace.core.state;
