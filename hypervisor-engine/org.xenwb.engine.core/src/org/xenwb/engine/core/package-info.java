/**
 * The hypervisor engine: a deterministic simulation of a Xen host ({@link org.xenwb.engine.core.Engine}),
 * scenarios and run metrics. Plain Java; an engine is used from one thread.
 */
package org.xenwb.engine.core;
