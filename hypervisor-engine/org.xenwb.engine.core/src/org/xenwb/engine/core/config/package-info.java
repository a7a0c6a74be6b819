/**
 * Parsers for Xen's configuration syntaxes (xl.cfg(5)) with file:line diagnostics.
 */
package org.xenwb.engine.core.config;
