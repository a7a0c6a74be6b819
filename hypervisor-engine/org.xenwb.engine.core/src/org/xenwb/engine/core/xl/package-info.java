/**
 * An xl-compatible command interpreter with xl 4.17's output layouts.
 */
package org.xenwb.engine.core.xl;
