package org.xenwb.trace.core.xenalyze;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import org.xenwb.trace.core.read.TraceReader;

/** Our side of the conformance tests: the report {@link XenalyzeAnalysis} prints for a trace. */
public final class OurXenalyze {

    private OurXenalyze() {
    }

    /**
     * The summary, as {@code xenwb trace summary} prints it on standard output.
     *
     * @param file a trace, read the way xenalyze reads it
     * @param options xenalyze's options
     * @return the report
     * @throws IOException when the trace cannot be read
     */
    public static String summary(Path file, XenalyzeOptions options) throws IOException {
        XenalyzeAnalysis summary = new XenalyzeAnalysis(options);
        try (TraceReader reader = TraceReader.openLikeXenalyze(file)) {
            summary.process(reader);
        }
        StringWriter text = new StringWriter();
        try (PrintWriter out = new PrintWriter(text)) {
            summary.printTo(out);
        }
        return text.toString();
    }
}
