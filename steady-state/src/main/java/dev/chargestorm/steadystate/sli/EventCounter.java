package dev.chargestorm.steadystate.sli;

import java.util.concurrent.atomic.LongAdder;

/** Counts events on the hot path (a {@link LongAdder}: contention-friendly, allocation-free once warm). */
public final class EventCounter {

    private final String name;
    private final LongAdder adder = new LongAdder();

    EventCounter(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public void increment() {
        adder.increment();
    }

    public void add(long n) {
        adder.add(n);
    }

    long drain() {
        return adder.sumThenReset();
    }
}
