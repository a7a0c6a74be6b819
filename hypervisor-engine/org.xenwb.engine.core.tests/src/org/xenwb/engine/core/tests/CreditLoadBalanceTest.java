package org.xenwb.engine.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.xenwb.engine.core.Engine;
import org.xenwb.engine.core.EngineOptions;
import org.xenwb.engine.core.model.DomainConfig;
import org.xenwb.engine.core.model.HostTopology;
import org.xenwb.engine.core.model.HypervisorBuild;
import org.xenwb.engine.core.model.SchedulerKind;
import org.xenwb.engine.core.trace.XentraceRecorder;

/**
 * credit's {@code csched_load_balance} as Xen 4.17 writes it: a STEAL_CHECK record for every peer looked at
 * ("skipping" when it has at most one runnable vCPU, "checking" otherwise), the peers of the balancing pCPU's own
 * NUMA node before the other node's, and every STOLEN_VCPU right after the check of the peer it comes from. Read
 * back with Debian's xenalyze, which decodes both records.
 */
class CreditLoadBalanceTest {

    /** One csched line of xenalyze's dump: the pCPU it was written on and its text. */
    private record Line(int pcpu, String text) {
    }

    @Test
    void stealChecksPrecedeStealsNodeByNode() throws Exception {
        Path file = SharedData.targetDir("traces").resolve("credit-load-balance.bin");
        EngineOptions o = new EngineOptions();
        o.seed = 5;
        o.debugChecks = true;
        o.dom0Vcpus = 0;
        o.trace = XentraceRecorder.create(file);
        // 2 nodes of 1 socket x 2 cores: pCPUs 0-1 are node 0, 2-3 node 1
        HostTopology host = new HostTopology("two-nodes", 2, 2, 1, 2, 2_400_000_000L, 4096);
        Engine e = new Engine(host, HypervisorBuild.everything(), SchedulerKind.CREDIT, o);
        e.createDomain(DomainConfig.simple("busy", 3, 256));
        e.createDomain(DomainConfig.simple("io", 4, 256).withWorkload("io:run=1ms,block=2ms"));
        e.run(400_000_000L);

        Xenalyze.Result r = EngineFixtures.cleanDumpAll(e, file);
        List<Line> lines = new ArrayList<>();
        for (String l : r.stdout().lines().toList()) {
            int at = l.indexOf(" csched:");
            if (at < 0) {
                continue;
            }
            // "[time] PCPUS dXvY csched:...": the pCPU column has an 'x' at the record's pCPU
            String[] fields = l.substring(0, at).trim().split("\\s+");
            int pcpu = fields.length > 1 ? fields[fields.length - 2].indexOf('x') : -1;
            assertTrue(pcpu >= 0, "a csched line with the pCPU column: " + l);
            lines.add(new Line(pcpu, l.substring(at + 1)));
        }
        int checks = 0;
        int skips = 0;
        int steals = 0;
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            if (line.text().startsWith("csched:load_balance ")) {
                String[] words = line.text().split(" ");
                int peer = Integer.parseInt(words[2]);
                assertNotEquals(line.pcpu(), peer, "a pCPU never checks itself: " + line);
                if (words[1].equals("checking")) {
                    checks++;
                } else {
                    assertEquals("skipping", words[1], line.text());
                    skips++;
                }
            } else if (line.text().startsWith("csched:stolen_vcpu ")) {
                steals++;
                int peer = Integer.parseInt(line.text().substring(line.text().lastIndexOf(' ') + 1));
                Line before = previousOn(lines, i, line.pcpu());
                assertEquals("csched:load_balance checking " + peer, before.text(), "the steal from pCPU " + peer
                        + " follows the check of that peer");
            }
        }
        assertTrue(steals > 0 && checks >= steals && skips > 0, checks + " checks, " + skips + " skips, " + steals
                + " steals");
        assertNodeOrder(lines, host);
    }

    /**
     * Within one balancing pass (a pCPU's checks with no other credit record of that pCPU between them), the peers go
     * node by node from the pCPU's own node, once per affinity step: the node sequence is at most two rounds of
     * "own node, then the other", so it comes back from the other node to the own node at most once.
     */
    private static void assertNodeOrder(List<Line> lines, HostTopology host) {
        int passes = 0;
        int[] lastLine = new int[host.nrCpus()];
        java.util.Arrays.fill(lastLine, -1);
        List<List<Integer>> open = new ArrayList<>();
        for (int c = 0; c < host.nrCpus(); c++) {
            open.add(new ArrayList<>());
        }
        for (Line line : lines) {
            List<Integer> pass = open.get(line.pcpu());
            if (line.text().startsWith("csched:load_balance ")) {
                pass.add(Integer.parseInt(line.text().split(" ")[2]));
                continue;
            }
            if (!pass.isEmpty()) {
                passes++;
                assertNodeRounds(pass, line.pcpu(), host);
                pass.clear();
            }
        }
        assertTrue(passes > 0, "no balancing pass");
    }

    private static void assertNodeRounds(List<Integer> peers, int pcpu, HostTopology host) {
        int own = host.nodeOf(pcpu);
        int backToOwn = 0;
        for (int k = 1; k < peers.size(); k++) {
            if (host.nodeOf(peers.get(k - 1)) != own && host.nodeOf(peers.get(k)) == own) {
                backToOwn++;
            }
        }
        assertTrue(backToOwn <= 1, "pCPU " + pcpu + " checked " + peers + ": not node by node");
    }

    private static boolean isCheckOn(Line line, int pcpu) {
        return line.pcpu() == pcpu && line.text().startsWith("csched:load_balance ");
    }

    private static Line previousOn(List<Line> lines, int i, int pcpu) {
        for (int j = i - 1; j >= 0; j--) {
            if (lines.get(j).pcpu() == pcpu) {
                return lines.get(j);
            }
        }
        throw new AssertionError("nothing before line " + i);
    }
}
