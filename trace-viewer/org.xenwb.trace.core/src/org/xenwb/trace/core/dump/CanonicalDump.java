package org.xenwb.trace.core.dump;

import java.io.IOException;
import java.io.Writer;

import org.xenwb.trace.core.catalog.EventFormatter;
import org.xenwb.trace.core.read.TraceReader;

/**
 * The canonical text dump of a trace, one line per record in merged time order, the basis of golden-file tests.
 *
 * <p>Line format: {@code <tsc> p<cpu> <event> <field>=<value>...}. {@code <tsc>} is the record's TSC in cycles
 * (absolute, so the dump does not depend on a CPU frequency); a record without a TSC shows the TSC it inherits
 * from the previous record of its pCPU in parentheses. The second delivery of a lost-records record (see
 * {@link TraceReader}) is the line {@code lost_records_end}. Not thread-safe.</p>
 */
public final class CanonicalDump {

    private final EventFormatter formatter;
    private final int[] words = new int[7];
    private final StringBuilder line = new StringBuilder(160);

    /**
     * A dumper.
     *
     * @param formatter names and fields of events
     */
    public CanonicalDump(EventFormatter formatter) {
        this.formatter = formatter;
    }

    /**
     * Dumps records from the reader's position to the end or to a limit.
     *
     * @param reader a reader
     * @param out destination; not flushed
     * @param limit largest number of lines, or a negative value for no limit
     * @return the number of lines written
     * @throws IOException when writing fails
     */
    public long dump(TraceReader reader, Writer out, long limit) throws IOException {
        long lines = 0;
        while ((limit < 0 || lines < limit) && reader.next()) {
            if (reader.kind() != TraceReader.Kind.RECORD) {
                continue;
            }
            out.write(format(reader));
            out.write('\n');
            lines++;
        }
        return lines;
    }

    /**
     * The line of the reader's current record (without line terminator).
     *
     * @param reader a reader positioned on a record
     * @return the line; valid until the next call
     */
    public String format(TraceReader reader) {
        line.setLength(0);
        if (reader.hasTsc()) {
            line.append(Long.toUnsignedString(reader.tsc()));
        } else {
            line.append('(').append(Long.toUnsignedString(reader.tsc())).append(')');
        }
        line.append(" p").append(reader.cpu()).append(' ');
        if (reader.isLostRecordsEnd()) {
            line.append("lost_records_end");
        } else {
            int n = reader.extraCount();
            for (int i = 0; i < n; i++) {
                words[i] = reader.extra(i);
            }
            formatter.append(reader.event(), words, n, line);
        }
        return line.toString();
    }
}
