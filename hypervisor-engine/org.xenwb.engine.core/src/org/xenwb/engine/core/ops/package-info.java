/**
 * The operation gateway: the single seam where XSM/FLASK checks and live patching plug in.
 */
package org.xenwb.engine.core.ops;
