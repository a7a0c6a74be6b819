package org.xenwb.engine.core.model;

import java.util.BitSet;
import java.util.stream.IntStream;

/**
 * An immutable set of physical CPU numbers, as used for affinities and cpupools.
 * Parses and prints the syntax of {@code xl}: {@code all}, {@code 0-3,6}, {@code ^2} to exclude,
 * {@code nodes:0} for the CPUs of a NUMA node.
 *
 * <p>The membership queries ({@link #contains}, {@link #intersects}, {@link #containsAll}, {@link #member},
 * {@link #size}) work on a word array and a sorted member array computed once at construction, so the
 * schedulers' hot paths ask them without allocating. Thread-safe (immutable).</p>
 */
public final class CpuSet {

    private final BitSet bits;
    /** {@code bits} as 64-bit words, bit {@code c % 64} of word {@code c / 64} for CPU c. */
    private final long[] words;
    /** The CPUs in increasing order; never handed out (see {@link #toArray()}). */
    private final int[] members;

    private CpuSet(BitSet bits) {
        this.bits = bits;
        this.words = bits.toLongArray();
        this.members = bits.stream().toArray();
    }

    /**
     * @param cpus CPU numbers
     * @return the set of those CPUs
     */
    public static CpuSet of(int... cpus) {
        BitSet b = new BitSet();
        for (int c : cpus) {
            b.set(c);
        }
        return new CpuSet(b);
    }

    /**
     * @param from first CPU, inclusive
     * @param to last CPU, exclusive
     * @return CPUs {@code from..to-1}
     */
    public static CpuSet range(int from, int to) {
        BitSet b = new BitSet();
        b.set(from, to);
        return new CpuSet(b);
    }

    /** @return the empty set */
    public static CpuSet empty() {
        return new CpuSet(new BitSet());
    }

    /**
     * Parses the {@code xl} CPU list syntax.
     *
     * @param text e.g. {@code all}, {@code 0-3,^2}, {@code nodes:1}
     * @param host the host, for {@code all} and {@code nodes:}
     * @return the set
     * @throws IllegalArgumentException with a message naming the bad part
     */
    public static CpuSet parse(String text, HostTopology host) {
        BitSet b = new BitSet();
        for (String raw : text.split(",")) {
            String part = raw.trim();
            if (part.isEmpty()) {
                throw new IllegalArgumentException("empty element in CPU list '" + text + "'");
            }
            boolean exclude = part.startsWith("^");
            if (exclude) {
                part = part.substring(1);
            }
            BitSet p = new BitSet();
            if (part.equals("all") || part.equals("nodes:all") || part.equals("node:all")) {
                if (exclude) {
                    throw new IllegalArgumentException("Can't combine \"^\" and \"all\" in '" + text + "'");
                }
                p.set(0, host.nrCpus());
            } else if (part.startsWith("nodes:") || part.startsWith("node:")) {
                int nodes = host.nodeOf(host.nrCpus() - 1) + 1;
                BitSet wanted = parseRanges(part.substring(part.indexOf(':') + 1), text, nodes, "node");
                for (int cpu = 0; cpu < host.nrCpus(); cpu++) {
                    if (wanted.get(host.nodeOf(cpu))) {
                        p.set(cpu);
                    }
                }
            } else {
                p = parseRanges(part, text, host.nrCpus(), "CPU");
            }
            if (exclude) {
                b.andNot(p); // from what the list has so far, as xl's update_cpumap_range: "^1" alone is empty
            } else {
                b.or(p);
            }
        }
        return new CpuSet(b);
    }

    /**
     * @param part {@code N} or {@code A-B}
     * @param whole the whole list, for messages
     * @param count how many CPUs (or nodes) exist: numbers are 0..count-1
     * @param what {@code CPU} or {@code node}, for messages
     * @return the numbers
     */
    private static BitSet parseRanges(String part, String whole, int count, String what) {
        int dash = part.indexOf('-', 1);
        int a;
        int z;
        try {
            a = Integer.parseInt(part.substring(0, dash > 0 ? dash : part.length()).trim());
            z = dash > 0 ? Integer.parseInt(part.substring(dash + 1).trim()) : a;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad " + what + " '" + part + "' in '" + whole + "'", e);
        }
        if (a < 0 || z < a) {
            throw new IllegalArgumentException("bad " + what + " range '" + part + "' in '" + whole + "'");
        }
        if (z >= count) {
            throw new IllegalArgumentException(what + " " + z + " in '" + whole + "' does not exist (the host has "
                    + count + ")");
        }
        BitSet b = new BitSet();
        b.set(a, z + 1);
        return b;
    }

    /**
     * @param cpu a CPU number
     * @return whether the set contains it
     */
    public boolean contains(int cpu) {
        int w = cpu >> 6;
        return cpu >= 0 && w < words.length && (words[w] & (1L << cpu)) != 0;
    }

    /** @return the number of CPUs */
    public int size() {
        return members.length;
    }

    /**
     * The i-th CPU in increasing order, for iterating without allocating.
     *
     * @param i 0-based index, less than {@link #size()}
     * @return the CPU
     */
    public int member(int i) {
        return members[i];
    }

    /**
     * 64 CPUs of the set, for {@link CpuMask}'s allocation-free intersections.
     *
     * @param i word index: CPUs {@code 64*i .. 64*i+63}
     * @return bit {@code c % 64} set for each member c of that range; 0 beyond the highest member
     */
    public long word(int i) {
        return i < words.length ? words[i] : 0L;
    }

    /** @return whether the set is empty */
    public boolean isEmpty() {
        return members.length == 0;
    }

    /** @return the CPUs in increasing order */
    public IntStream stream() {
        return bits.stream();
    }

    /** @return the CPUs in increasing order */
    public int[] toArray() {
        return members.clone();
    }

    /**
     * @param other another set
     * @return the intersection
     */
    public CpuSet and(CpuSet other) {
        BitSet b = (BitSet) bits.clone();
        b.and(other.bits);
        return new CpuSet(b);
    }

    /**
     * @param other another set
     * @return the union
     */
    public CpuSet or(CpuSet other) {
        BitSet b = (BitSet) bits.clone();
        b.or(other.bits);
        return new CpuSet(b);
    }

    /**
     * @param other another set
     * @return this set without the CPUs of {@code other}
     */
    public CpuSet andNot(CpuSet other) {
        BitSet b = (BitSet) bits.clone();
        b.andNot(other.bits);
        return new CpuSet(b);
    }

    /**
     * @param other another set
     * @return whether the two sets share a CPU
     */
    public boolean intersects(CpuSet other) {
        int n = Math.min(words.length, other.words.length);
        for (int i = 0; i < n; i++) {
            if ((words[i] & other.words[i]) != 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param other another set
     * @return whether every CPU of {@code other} is in this set (true when {@code other} is empty)
     */
    public boolean containsAll(CpuSet other) {
        if (other == this) {
            return true;
        }
        for (int i = 0; i < other.words.length; i++) {
            if ((other.words[i] & ~word(i)) != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param cpu where to start
     * @return the first CPU at or after {@code cpu}, wrapping around (Xen's {@code cpumask_cycle} semantics
     *         minus one), or -1 when empty
     */
    public int cycleFrom(int cpu) {
        int n = bits.nextSetBit(Math.max(cpu, 0));
        return n >= 0 ? n : first();
    }

    /** @return the lowest CPU, or -1 */
    public int first() {
        return members.length == 0 ? -1 : members[0];
    }

    /**
     * Formats like {@code xl}'s {@code print_bitmap}: {@code all} when every CPU of the host is in the set,
     * otherwise ranges such as {@code 0-2,5}; {@code none} when empty.
     *
     * @param nrCpus the number of CPUs of the host
     * @return the text
     */
    public String format(int nrCpus) {
        if (bits.cardinality() == nrCpus && bits.length() == nrCpus) {
            return "all";
        }
        return formatList();
    }

    /** @return ranges such as {@code 0-2,5}; {@code none} when empty; like {@code xl cpupool-list -c} */
    public String formatList() {
        if (bits.isEmpty()) {
            return "none";
        }
        StringBuilder sb = new StringBuilder();
        int i = bits.nextSetBit(0);
        while (i >= 0) {
            int end = bits.nextClearBit(i) - 1;
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(i);
            if (end > i) {
                sb.append('-').append(end);
            }
            i = bits.nextSetBit(end + 1);
        }
        return sb.toString();
    }

    /** @return every CPU separated by commas, such as {@code 0,1,2,3}, as {@code xl cpupool-list -c} prints */
    public String formatCommas() {
        StringBuilder sb = new StringBuilder();
        bits.stream().forEach(c -> sb.append(sb.length() > 0 ? "," : "").append(c));
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CpuSet c && c.bits.equals(bits);
    }

    @Override
    public int hashCode() {
        return bits.hashCode();
    }

    @Override
    public String toString() {
        return "{" + formatList() + "}";
    }
}
