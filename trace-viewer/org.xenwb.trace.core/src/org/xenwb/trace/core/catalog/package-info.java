/**
 * Event names and payload fields per Xen version. {@link org.xenwb.trace.core.catalog.EventLayout} is what decoders
 * use; {@link org.xenwb.trace.core.catalog.LayoutTable} holds a version's layouts as data (field specifications
 * that mirror Xen's C trace structures); {@link org.xenwb.trace.core.catalog.Xen417Layout} (4.17 to 4.19) and
 * {@link org.xenwb.trace.core.catalog.Xen420Layout} (4.20 and newer) are the tables, chosen by
 * {@link org.xenwb.trace.core.catalog.EventLayouts}; {@link org.xenwb.trace.core.catalog.EventFormatter} renders a
 * record's name and fields, raw when unknown.
 */
package org.xenwb.trace.core.catalog;
