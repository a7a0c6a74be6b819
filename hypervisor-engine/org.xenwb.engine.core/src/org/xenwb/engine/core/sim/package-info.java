/**
 * The discrete-event core (event queue, seeded randomness) and the engine's tracing interface.
 */
package org.xenwb.engine.core.sim;
