/** The canonical one-line-per-record text dump of a trace, the basis of golden-file tests. */
package org.xenwb.trace.core.dump;
