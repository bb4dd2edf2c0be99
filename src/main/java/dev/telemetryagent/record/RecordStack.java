package dev.telemetryagent.record;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A stack of records: a push is one short critical section, a drain takes everything at once. Each node
 * knows how many records are stacked up to it, so a push also tells the stack's size without a counter
 * of its own. A monitor rather than {@code ConcurrentLinkedQueue} or an {@code AtomicReference}: on JDK 17
 * both are built on VarHandles, whose classes the host would load in premain (about 1.5 ms for the
 * queue); an uncontended monitor costs about what a compare-and-set does, and only the calls under the
 * per-run cap come here.
 */
final class RecordStack {
    private static final class Node {
        final CallRecord record;
        final Node next;
        final int size;

        Node(CallRecord record, Node next) {
            this.record = record;
            this.next = next;
            this.size = next == null ? 1 : next.size + 1;
        }
    }

    /** Guarded by this. */
    private Node head;

    /** Pushes the record; returns how many records the stack then holds. */
    synchronized int push(CallRecord record) {
        head = new Node(record, head);
        return head.size;
    }

    /** Every record pushed so far, oldest first, and the stack emptied. */
    List<CallRecord> drain() {
        Node n;
        synchronized (this) {
            n = head;
            head = null;
        }
        if (n == null) {
            return Collections.emptyList();
        }
        // The top node knows the count: the records go straight into place, newest last.
        CallRecord[] out = new CallRecord[n.size];
        for (; n != null; n = n.next) {
            out[n.size - 1] = n.record;
        }
        return Arrays.asList(out);
    }
}
