/**
 * Event names and payload fields per Xen version: {@link org.xenwb.trace.core.catalog.EventLayout} (one
 * implementation per version, {@link org.xenwb.trace.core.catalog.Xen417Layout} for 4.17) and the
 * {@link org.xenwb.trace.core.catalog.EventFormatter} that renders a record's name and fields, raw when unknown.
 */
package org.xenwb.trace.core.catalog;
