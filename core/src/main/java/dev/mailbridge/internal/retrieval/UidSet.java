package dev.mailbridge.internal.retrieval;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;

/**
 * A set of IMAP UIDs kept as ranges, written as IMAP writes sequence sets ({@code 1:4990,5002}): a newest-first run
 * that leaves 4,990 older messages for later costs one range, not 4,990 ids. Not thread-safe; one folder run owns it.
 */
final class UidSet implements Iterable<Long> {
    /** Range start to range end, both inclusive; ranges neither overlap nor touch. */
    private final TreeMap<Long, Long> ranges = new TreeMap<>();

    private long size;

    static UidSet of(Iterable<Long> uids) {
        UidSet set = new UidSet();
        for (long uid : uids) {
            set.add(uid);
        }
        return set;
    }

    /** Parses the text {@link #toString()} writes; the empty string is the empty set. */
    static UidSet parse(String text) {
        UidSet set = new UidSet();
        if (text.isEmpty()) {
            return set;
        }
        for (String part : text.split(",", -1)) {
            int colon = part.indexOf(':');
            long from = Long.parseLong(colon < 0 ? part : part.substring(0, colon));
            long to = colon < 0 ? from : Long.parseLong(part.substring(colon + 1));
            if (from < 1 || to < from) {
                throw new IllegalArgumentException("not a UID range: " + part);
            }
            set.addRange(from, to);
        }
        return set;
    }

    void add(long uid) {
        addRange(uid, uid);
    }

    void addRange(long from, long to) {
        long start = from;
        long end = to;
        Map.Entry<Long, Long> before = ranges.floorEntry(start);
        if (before != null && before.getValue() >= start - 1) {
            start = before.getKey();
            end = Math.max(end, before.getValue());
            size -= before.getValue() - before.getKey() + 1;
            ranges.remove(before.getKey());
        }
        for (Map.Entry<Long, Long> next = ranges.ceilingEntry(start);
                next != null && next.getKey() <= end + 1;
                next = ranges.ceilingEntry(start)) {
            end = Math.max(end, next.getValue());
            size -= next.getValue() - next.getKey() + 1;
            ranges.remove(next.getKey());
        }
        ranges.put(start, end);
        size += end - start + 1;
    }

    void addAll(UidSet other) {
        for (Map.Entry<Long, Long> range : other.ranges.entrySet()) {
            addRange(range.getKey(), range.getValue());
        }
    }

    void remove(long uid) {
        Map.Entry<Long, Long> range = ranges.floorEntry(uid);
        if (range == null || range.getValue() < uid) {
            return;
        }
        long start = range.getKey();
        long end = range.getValue();
        ranges.remove(start);
        if (start < uid) {
            ranges.put(start, uid - 1);
        }
        if (uid < end) {
            ranges.put(uid + 1, end);
        }
        size--;
    }

    void removeAll(Iterable<Long> uids) {
        for (long uid : uids) {
            remove(uid);
        }
    }

    boolean contains(long uid) {
        Map.Entry<Long, Long> range = ranges.floorEntry(uid);
        return range != null && range.getValue() >= uid;
    }

    boolean isEmpty() {
        return ranges.isEmpty();
    }

    long size() {
        return size;
    }

    void clear() {
        ranges.clear();
        size = 0;
    }

    UidSet copy() {
        UidSet copy = new UidSet();
        copy.ranges.putAll(ranges);
        copy.size = size;
        return copy;
    }

    /** The UIDs, ascending; for sets the size of a batch, not for a range of millions. */
    List<Long> toList() {
        List<Long> list = new ArrayList<>();
        forEach(list::add);
        return list;
    }

    @Override
    public Iterator<Long> iterator() {
        Iterator<Map.Entry<Long, Long>> rangeIterator = ranges.entrySet().iterator();
        return new Iterator<>() {
            private long next = 1;
            private long end = 0;

            @Override
            public boolean hasNext() {
                return next <= end || rangeIterator.hasNext();
            }

            @Override
            public Long next() {
                if (next > end) {
                    if (!rangeIterator.hasNext()) {
                        throw new NoSuchElementException();
                    }
                    Map.Entry<Long, Long> range = rangeIterator.next();
                    next = range.getKey();
                    end = range.getValue();
                }
                return next++;
            }
        };
    }

    /** The IMAP sequence set: {@code 1:4990,5002}; empty for the empty set. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<Long, Long> range : ranges.entrySet()) {
            if (text.length() > 0) {
                text.append(',');
            }
            text.append(range.getKey());
            if (!range.getValue().equals(range.getKey())) {
                text.append(':').append(range.getValue());
            }
        }
        return text.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof UidSet set && set.ranges.equals(ranges);
    }

    @Override
    public int hashCode() {
        return ranges.hashCode();
    }
}
