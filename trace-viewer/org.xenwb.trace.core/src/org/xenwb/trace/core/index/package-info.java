/**
 * The persistent index of a trace ({@link org.xenwb.trace.core.index.TraceIndex}): built once with progress and
 * cancel ({@link org.xenwb.trace.core.index.IndexProgress}), validated against the trace and rebuilt when stale or
 * damaged; answers level-of-detail lane queries and filtered event queries without scanning the trace.
 */
package org.xenwb.trace.core.index;
