/**
 * Writes engine activity as xentrace files through the shared format of org.xenwb.trace.core.format.
 */
package org.xenwb.engine.core.trace;
