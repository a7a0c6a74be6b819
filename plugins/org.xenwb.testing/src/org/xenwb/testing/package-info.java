/**
 * What every test bundle of Xen Workbench shares: finding the project's real data ({@code ../shared}) beside the
 * checkout. Plain Java with no test-framework dependency, so each test bundle decides itself how to skip.
 */
package org.xenwb.testing;
