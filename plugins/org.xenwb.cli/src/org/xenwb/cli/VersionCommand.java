package org.xenwb.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.jar.Manifest;

import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code xenwb version}: the workbench version and the Java runtime it runs on. */
@Command(name = "version", mixinStandardHelpOptions = true,
        description = "Print the version of Xen Workbench and of the Java runtime.")
final class VersionCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        for (String line : versionLines()) {
            spec.commandLine().getOut().println(line);
        }
    }

    /**
     * The lines that {@code version} and {@code --version} print.
     *
     * @return the workbench version line and the runtime line
     */
    static String[] versionLines() {
        return new String[] {
            "Xen Workbench " + bundleVersion(),
            "Java " + Runtime.version() + " (" + System.getProperty("java.vendor", "unknown vendor") + ")",
        };
    }

    /**
     * Reads {@code Bundle-Version} from the manifest of the jar (or folder) this class was loaded from.
     *
     * @return the bundle version, or {@code "development build"} when no manifest with a version can be read
     */
    static String bundleVersion() {
        URL classFile = VersionCommand.class.getResource("VersionCommand.class");
        if (classFile != null) {
            String text = classFile.toString();
            int classPath = text.indexOf("org/xenwb/cli/VersionCommand.class");
            if (classPath > 0) {
                try (InputStream in = new URL(text.substring(0, classPath) + "META-INF/MANIFEST.MF").openStream()) {
                    String version = new Manifest(in).getMainAttributes().getValue("Bundle-Version");
                    if (version != null && !version.endsWith("qualifier")) {
                        return version;
                    }
                } catch (IOException e) {
                    // fall through: a development class folder has no manifest next to it
                }
            }
        }
        return "development build";
    }

    /** Makes {@code xenwb --version} print the same as {@code xenwb version}. */
    static final class Provider implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return versionLines();
        }
    }
}
