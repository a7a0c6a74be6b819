/**
 * A Kconfig engine with the semantics of Linux 6.1's C kconfig tools (and the older forms of Xen 4.17).
 *
 * <p>Entry points: {@link org.xenwb.kconfig.core.Kconfig#load} parses a tree (asking a
 * {@link org.xenwb.kconfig.core.ShellPolicy} before any {@code $(shell,...)} runs);
 * {@link org.xenwb.kconfig.core.ConfigFiles} reads and writes configuration files;
 * {@link org.xenwb.kconfig.core.ConfMode} runs the modes of the C {@code conf} tool with its exit status;
 * {@link org.xenwb.kconfig.core.Explainer} explains a symbol's value. Plain Java: no Eclipse or OSGi API. Objects of
 * this package are not thread-safe; use one {@code Kconfig} per thread. Errors in inputs are reported as
 * {@link org.xenwb.kconfig.core.KconfigException} with {@code file:line:} messages.</p>
 */
package org.xenwb.kconfig.core;
