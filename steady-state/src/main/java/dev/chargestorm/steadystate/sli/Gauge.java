package dev.chargestorm.steadystate.sli;

/** A value that is read as it is at each slice boundary (e.g. connected chargers). */
public final class Gauge {

    private final String name;
    private volatile double value = Double.NaN;

    Gauge(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public void set(double newValue) {
        this.value = newValue;
    }

    double read() {
        return value;
    }
}
