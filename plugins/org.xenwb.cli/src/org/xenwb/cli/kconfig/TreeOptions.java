package org.xenwb.cli.kconfig;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

import org.xenwb.kconfig.core.ConfigFiles;
import org.xenwb.kconfig.core.Kconfig;
import org.xenwb.kconfig.core.ShellPolicy;

import picocli.CommandLine.Option;

/**
 * The options of the kconfig subcommands that work on a tree and its configuration ({@code -K KCONFIG},
 * {@code --allow-shell}), and the loading they share: parse the tree from the current directory, report skipped
 * shell calls, read the configuration like conf.
 */
final class TreeOptions {

    @Option(names = "--allow-shell", description = "Run the tree's $(shell,...) commands.")
    boolean allowShell;

    @Option(names = {"-K", "--kconfig"}, defaultValue = "Kconfig", paramLabel = "KCONFIG",
            description = "The top Kconfig file (default: ${DEFAULT-VALUE}).")
    String kconfig;

    /**
     * @param config the configuration to read, or null for conf's choice (KCONFIG_CONFIG, else .config)
     * @param err where diagnostics go
     * @return the tree, its configuration files and whether the configuration could be read
     */
    Loaded load(String config, PrintWriter err) {
        List<ShellPolicy.Call> skipped = new ArrayList<>();
        Kconfig kc = KconfigCommand.KconfigSession.load(kconfig, KconfigCommand.KconfigSession.environment(),
                allowShell, skipped, err, err);
        KconfigCommand.KconfigSession.reportSkipped(skipped, err);
        ConfigFiles files = new ConfigFiles(kc);
        files.setSilent(true);
        boolean read = files.read(config);
        return new Loaded(kc, files, read);
    }

    /**
     * A loaded tree.
     *
     * @param kc the tree
     * @param files its configuration reader and writer
     * @param read false when the configuration file could not be read
     */
    record Loaded(Kconfig kc, ConfigFiles files, boolean read) {
    }
}
