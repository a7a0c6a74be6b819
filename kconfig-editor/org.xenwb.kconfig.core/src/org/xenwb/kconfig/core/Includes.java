package org.xenwb.kconfig.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * File inclusion for the parser: {@code source} as {@code zconf_nextfile} does it (work directory, then
 * {@code $srctree}; recursive inclusion is an error with the inclusion chain), plus Kconfiglib's {@code rsource},
 * {@code osource}, {@code orsource} and glob patterns. One instance per parse; not thread-safe.
 */
final class Includes {
    private final Kconfig kc;
    private final Lexer lexer;

    Includes(Kconfig kc, Lexer lexer) {
        this.kc = kc;
        this.lexer = lexer;
    }


    /**
     * A {@code source}-like statement: opens the named file(s) so that the lexer reads them next.
     *
     * @param name the file name or glob pattern, expanded
     * @param optional {@code osource}/{@code orsource}: a missing file is not an error
     * @param relative {@code rsource}/{@code orsource}: relative to the directory of the current file
     */
    void source(String name, boolean optional, boolean relative) {
        String file = name;
        if (relative) {
            String cur = lexer.stmtFile();
            int slash = cur.lastIndexOf('/');
            file = slash < 0 ? name : cur.substring(0, slash + 1) + name;
        }
        List<String> files;
        if (file.indexOf('*') >= 0 || file.indexOf('?') >= 0 || file.indexOf('[') >= 0) {
            files = glob(file);
        } else {
            files = List.of(file);
        }
        // included files are pushed in reverse so that they are read in sorted order
        boolean isGlob = file.indexOf('*') >= 0 || file.indexOf('?') >= 0 || file.indexOf('[') >= 0;
        List<String> present = new ArrayList<>();
        for (String f : files) {
            if (kc.resolve(f) == null) {
                if (!optional && !isGlob) {
                    throw new KconfigException(lexer.stmtFile() + ":" + lexer.stmtLine() + ": can't open file \""
                            + f + "\"");
                }
                continue;
            }
            present.add(f);
        }
        // the file list records them in reading order; they are pushed in reverse so they are read in sorted order
        for (String f : present) {
            kc.fileLookup(f);
        }
        for (int i = present.size() - 1; i >= 0; i--) {
            pushFile(present.get(i));
        }
    }

    /** The files matching a glob pattern (wildcards allowed in every path segment), sorted, under the first root
     * (work directory, then {@code $srctree}) that has any. */
    private List<String> glob(String pattern) {
        int depth = pattern.split("/").length;
        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        List<String> out = new ArrayList<>();
        for (Path root : kc.searchRoots()) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (java.util.stream.Stream<Path> s = Files.walk(root, depth)) {
                s.filter(Files::isRegularFile).map(root::relativize).filter(m::matches)
                        .map(Path::toString).forEach(out::add);
            } catch (IOException e) {
                throw new KconfigException(lexer.stmtFile() + ":" + lexer.stmtLine() + ": " + e.getMessage(), e);
            }
            if (!out.isEmpty()) {
                break;
            }
        }
        out.sort(null);
        return out;
    }

    /** zconf_nextfile: open an included file, refusing recursive inclusion. */
    private void pushFile(String name) {
        for (String[] open : lexer.includeStack()) {
            if (open[0].equals(name)) {
                StringBuilder sb = new StringBuilder("Recursive inclusion detected.\nInclusion path:\n"
                        + "  current file : " + name);
                for (String[] inc : lexer.includeStack()) {
                    sb.append("\n  included from: ").append(inc[0]).append(':')
                            .append(Integer.parseInt(inc[1]) - 1);
                    if (inc[0].equals(name)) {
                        break;
                    }
                }
                throw new KconfigException(sb.toString());
            }
        }
        Path p = kc.resolve(name);
        try {
            lexer.pushFile(name, Files.readString(p, StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            throw new KconfigException(lexer.stmtFile() + ":" + lexer.stmtLine() + ": can't open file \"" + name
                    + "\"", e);
        }
    }
}
