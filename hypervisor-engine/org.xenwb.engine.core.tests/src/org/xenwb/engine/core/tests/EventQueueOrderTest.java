package org.xenwb.engine.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xenwb.engine.core.sim.Event;
import org.xenwb.engine.core.sim.EventQueue;

/**
 * The event queue (same-instant FIFO, calendar wheel for the next ~67 ms, heap beyond) fires events in exactly the
 * order of one sorted set keyed by (time, order of the last schedule/reschedule), under random schedule, reschedule
 * and cancel calls made from inside firing events, with delays of zero, microseconds, milliseconds and seconds, and
 * {@code runUntil} stopping and resuming at random times.
 */
class EventQueueOrderTest {

    /** Reference key: time, sequence, event index. */
    private record Key(long time, long seq, int index) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = Long.compare(time, o.time);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    private final class Ev extends Event {
        final int index;

        Ev(int index) {
            this.index = index;
        }

        @Override
        protected void fire(long now) {
            Key expected = reference.pollFirst();
            assertEquals(expected.index(), index, "event fired out of order at " + now);
            assertEquals(expected.time(), now);
            keyOf[index] = null;
            fired++;
            for (int k = rnd.nextInt(4); k > 0; k--) {
                act(now);
            }
        }
    }

    private final TreeSet<Key> reference = new TreeSet<>();
    private final List<Ev> events = new ArrayList<>();
    private Key[] keyOf;
    private EventQueue queue;
    private Random rnd;
    private long seq;
    private long fired;

    private long delay() {
        return switch (rnd.nextInt(6)) {
            case 0 -> 0;
            case 1 -> rnd.nextInt(100_000);
            case 2 -> rnd.nextInt(5) * 4_096L; // bucket boundaries
            case 3 -> rnd.nextInt(30_000_000);
            case 4 -> 60_000_000L + rnd.nextInt(20_000_000); // around the wheel's horizon
            default -> rnd.nextInt(1_000_000_000);
        };
    }

    private void act(long now) {
        Ev e = events.get(rnd.nextInt(events.size()));
        int op = rnd.nextInt(3);
        if (op == 2 || (op == 0 && e.isQueued())) {
            queue.cancel(e);
            if (keyOf[e.index] != null) {
                reference.remove(keyOf[e.index]);
                keyOf[e.index] = null;
            }
            return;
        }
        long t = now + delay();
        if (op == 0) {
            queue.schedule(e, t);
        } else {
            queue.reschedule(e, t);
            if (keyOf[e.index] != null) {
                reference.remove(keyOf[e.index]);
            }
        }
        Key k = new Key(t, seq++, e.index);
        keyOf[e.index] = k;
        reference.add(k);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void firesInKeyOrder(long seed) {
        rnd = new Random(seed);
        queue = new EventQueue();
        int n = 50 + rnd.nextInt(500);
        keyOf = new Key[n];
        for (int i = 0; i < n; i++) {
            events.add(new Ev(i));
        }
        for (int i = 0; i < n; i++) {
            act(0);
        }
        long until = 0;
        while (until < 20_000_000_000L) {
            until += rnd.nextInt(3) == 0 ? rnd.nextInt(1000) : rnd.nextInt(200_000_000);
            queue.runUntil(until, null);
            assertEquals(until, queue.now());
            assertTrue(reference.isEmpty() || reference.first().time() > until, "an event due was not fired");
            if (reference.size() < n / 4) {
                for (int i = 0; i < n / 2; i++) {
                    act(until);
                }
            }
        }
        assertEquals(queue.firedCount(), fired);
        assertTrue(fired > 5_000, "too few events fired: " + fired);
    }
}
