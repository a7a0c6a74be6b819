/**
 * Xen's schedulers (credit, credit2, RTDS, ARINC653, null) behind one SPI mirroring Xen's struct scheduler.
 */
package org.xenwb.engine.core.sched;
